<?cs # admin-org.cs — GET /admin/orgs/{id}: one volunteer organisation, its contact (personal data:
  this view is audited), the form that changes it, and its volunteers.
  needs: Org.id Org.name Org.county_name Org.contact_name Org.contact_phone Org.agreed_on
    Org.active Volunteers.*.username Volunteers.*.display_name Volunteers.*.active
    Volunteers.*.children
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?>
<h1><?cs var:Org.name ?> <small><?cs var:Org.county_name ?></small></h1>
<?cs call:error_summary() ?>
<p><a href="/admin/orgs">← 全部志愿者组织</a> · <a href="/admin/staff">开设志愿者账号</a></p>
<p>本页显示联系人和电话（个人信息），这次查看已记入审计日志。</p>
<form method="post" action="/admin/orgs/<?cs var:Org.id ?>" class="stack">
<?cs call:csrf() ?>
<label>组织名称 <input type="text"<?cs call:field("org_name") ?> required maxlength="32" value="<?cs
  call:again("org_name", Org.name) ?>"><?cs call:field_error("org_name") ?></label>
<label>联系人 <input type="text"<?cs call:field("contact_name") ?> maxlength="32" autocomplete="off"<?cs #
  ?> value="<?cs call:again("contact_name", Org.contact_name) ?>"><?cs
  call:field_error("contact_name") ?></label>
<label>联系电话 <input<?cs call:field("contact_phone") ?> type="tel" maxlength="20" autocomplete="off"<?cs #
  ?> value="<?cs call:again("contact_phone", Org.contact_phone) ?>"><?cs
  call:field_error("contact_phone") ?></label>
<label>合作协议签订日期 <input<?cs call:field("agreed_on") ?> type="date" value="<?cs
  call:again("agreed_on", Org.agreed_on) ?>"><?cs call:field_error("agreed_on") ?></label>
<label>状态 <select<?cs call:field("active") ?>><option value="1"<?cs if:Org.active == 1 ?> selected<?cs
  /if ?>>合作中</option><option value="0"<?cs if:Org.active != 1 ?> selected<?cs
  /if ?>>已停止合作（不能再开设它的志愿者账号）</option></select><?cs
  call:field_error("active") ?></label>
<button type="submit">保存</button>
</form>
<h2>志愿者</h2>
<?cs if:subcount(Volunteers) == 0 ?><p>这个组织还没有志愿者账号。</p><?cs else ?>
<table class="list gifts"><thead><tr><th scope="col">用户名</th><th scope="col">姓名</th>
<th scope="col">结对儿童</th><th scope="col">状态</th></tr></thead><tbody>
<?cs each:v = Volunteers ?><tr><td data-label="用户名"><?cs var:v.username ?></td>
<td data-label="姓名"><?cs var:v.display_name ?></td><?cs #
?><td data-label="结对儿童" class="num"><?cs var:v.children ?> 个</td>
<td data-label="状态"><?cs if:v.active == 1 ?>在用<?cs else ?>已停用<?cs
  /if ?></td></tr><?cs /each ?>
</tbody></table><?cs /if ?>
<?cs include:"footer.cs" ?>
