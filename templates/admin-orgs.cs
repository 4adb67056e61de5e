<?cs # admin-orgs.cs — GET /admin/orgs: the volunteer organisations within reach (a county filter
  above the county), each with its active volunteers and the paired children they care for, and a
  form to register one.
  needs: Orgs.*.id Orgs.*.name Orgs.*.county_name Orgs.*.agreed_on Orgs.*.active
    Orgs.*.volunteers Orgs.*.children Counties OwnCounty
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?>
<h1>志愿者组织</h1>
<?cs call:error_summary() ?>
<?cs if:!OwnCounty ?><form class="filters" method="get" action="/admin/orgs">
<label>区县 <select name="county"><option value="">全部</option><?cs
  uvar:Counties ?></select></label>
<button type="submit">筛选</button>
</form><?cs /if ?>
<table class="list gifts"><thead><tr><th scope="col">组织</th><th scope="col">区县</th>
<th scope="col">合作协议</th><th scope="col">志愿者</th><?cs #
?><th scope="col">结对儿童</th><th scope="col">状态</th></tr></thead><tbody>
<?cs each:o = Orgs ?><tr><td data-label="组织"><a href="/admin/orgs/<?cs var:o.id ?>"><?cs
  var:o.name ?></a></td><?cs #
?><td data-label="区县"><?cs var:o.county_name ?></td>
<td data-label="合作协议"><?cs var:o.agreed_on ?></td><?cs #
?><td data-label="志愿者" class="num"><?cs var:o.volunteers ?> 名</td>
<td data-label="结对儿童" class="num"><?cs var:o.children ?> 个</td><?cs #
?><td data-label="状态"><?cs if:o.active == 1 ?>合作中<?cs else ?>已停止<?cs /if ?></td></tr><?cs
  /each ?>
</tbody></table>
<?cs if:subcount(Orgs) == 0 ?><p>还没有志愿者组织。</p><?cs /if ?>
<h2>登记志愿者组织</h2>
<p>联系人和电话是个人信息，加密保存，只有本辖区工作人员可以查看，每次查看都记入审计日志。</p>
<form method="post" action="/admin/orgs" class="stack">
<?cs call:csrf() ?>
<?cs if:!OwnCounty ?><label>所在区县 <select<?cs call:field("county") ?> required><?cs
  uvar:Counties ?></select><?cs call:field_error("county") ?></label><?cs /if ?>
<label>组织名称 <input type="text"<?cs call:field("org_name") ?> required maxlength="32"<?cs
  call:typed("org_name") ?>><?cs call:field_error("org_name") ?></label>
<label>联系人 <input type="text"<?cs call:field("contact_name") ?> maxlength="32" autocomplete="off"<?cs
  call:typed("contact_name") ?>><?cs call:field_error("contact_name") ?></label>
<label>联系电话 <input<?cs call:field("contact_phone") ?> type="tel" maxlength="20" autocomplete="off"<?cs
  call:typed("contact_phone") ?>><?cs call:field_error("contact_phone") ?></label>
<label>合作协议签订日期 <input<?cs call:field("agreed_on") ?> type="date"<?cs
  call:typed("agreed_on") ?>><?cs call:field_error("agreed_on") ?></label>
<button type="submit">登记</button>
</form>
<?cs include:"footer.cs" ?>
