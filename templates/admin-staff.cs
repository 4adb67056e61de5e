<?cs # admin-staff.cs — GET /admin/staff: the accounts the staff member manages (all for the
  province; the volunteers of the counties in reach below it), a form to open one, and a button to
  close or reopen each.
  needs: Staff.*.username Staff.*.display_name Staff.*.role_label Staff.*.region_name
    Staff.*.org_name Staff.*.last_login Staff.*.last_login_addr Staff.*.active Roles.*.code
    Roles.*.label Province.code Province.name Regions VolunteersOnly Orgs.*.id Orgs.*.name
    Orgs.*.county_name
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?>
<h1><?cs if:VolunteersOnly ?>志愿者账号<?cs else ?>工作人员账号<?cs /if ?></h1>
<?cs call:error_summary() ?><?cs #
  a row's new password and the new account's share the name: only the form posted is tied
?><?cs set:row = Invalid.Form == "/admin/staff/{username}/password" ?>
<table class="list gifts"><thead><tr><th scope="col">用户名</th><th scope="col">姓名</th>
<th scope="col">角色</th><th scope="col">地区 · 组织</th><th scope="col">最近登录</th><?cs #
?><th scope="col">密码 · 状态</th></tr></thead><tbody>
<?cs each:s = Staff ?><tr><td data-label="用户名"><?cs var:s.username ?></td>
<td data-label="姓名"><?cs var:s.display_name ?></td><td data-label="角色"><?cs
  var:s.role_label ?></td>
<td data-label="地区 · 组织"><?cs var:s.region_name ?><?cs if:s.org_name ?> · <?cs
  var:s.org_name ?><?cs /if ?></td>
<td data-label="最近登录"><?cs var:s.last_login ?> <small><?cs var:s.last_login_addr ?></small></td>
<td data-label="密码 · 状态" class="act"><form method="post" action="/admin/staff/<?cs
  var:s.username ?>/password" class="inline"><?cs
  call:csrf() ?><?cs #
?><input<?cs call:field_of(row && Invalid.Path.username == s.username, "password") ?> type="password"<?cs #
  ?> minlength="8" maxlength="128" placeholder="新密码" required autocomplete="new-password"<?cs #
  ?> aria-label="新密码"><?cs call:error_of(row && Invalid.Path.username == s.username, "password") ?> <button type="submit" class="link">重设密码</button></form>
<form method="post" action="/admin/staff/<?cs var:s.username ?>/active" class="inline"><?cs
  call:csrf() ?><?cs
  if:s.active == 1 ?><input type="hidden" name="active" value="0"><?cs #
?><button type="submit" class="link">停用</button><?cs
  else ?><input type="hidden" name="active" value="1">已停用 <button type="submit" class="link"><?cs #
?>恢复</button><?cs /if ?></form></td></tr><?cs /each ?>
</tbody></table>
<p>停用志愿者账号时，分配给他的孩子会解除分配，请为这些孩子另行指定志愿者；他写过的探访记录都会保留。</p>
<h2>开设账号</h2>
<?cs if:subcount(Orgs) == 0 && VolunteersOnly ?><p>辖区内还没有合作中的志愿者组织：请先<a href="/admin/orgs">登记志愿者组织</a>。</p><?cs /if ?>
<form method="post" action="/admin/staff" class="stack">
<?cs call:csrf() ?>
<label>用户名（小写字母、数字、点、横线） <input type="text"<?cs call:field("username") ?> required maxlength="64"><?cs call:field_error("username") ?></label>
<label>姓名或单位 <input type="text"<?cs call:field("display_name") ?> required maxlength="32"><?cs call:field_error("display_name") ?></label>
<?cs if:VolunteersOnly ?><input type="hidden" name="role" value="volunteer"><?cs else ?>
<label>角色 <select<?cs call:field("role") ?>><?cs each:r = Roles ?><option value="<?cs var:r.code ?>"><?cs
  var:r.label ?></option><?cs /each ?></select><?cs call:field_error("role") ?></label>
<label>地区（志愿者不选，随所属组织） <select<?cs call:field("region") ?>><?cs #
  ?><option value="">（志愿者：随所属组织）</option><?cs #
  ?><option value="<?cs var:Province.code ?>"><?cs var:Province.name ?>（省级）</option><?cs
  uvar:Regions ?></select><?cs call:field_error("region") ?></label>
<?cs /if ?>
<label>所属志愿者组织（志愿者必选） <select<?cs call:field("org") ?>><?cs if:!VolunteersOnly ?><option value="">（不是志愿者）</option><?cs
  /if ?><?cs each:o = Orgs ?><option value="<?cs var:o.id ?>"><?cs var:o.county_name ?> · <?cs
  var:o.name ?></option><?cs /each ?></select><?cs call:field_error("org") ?></label>
<label>初始密码（至少 8 个字符，<?cs #
?>请另行告知本人） <input<?cs call:field_of(!row, "password") ?> type="password" required minlength="8" maxlength="128" autocomplete="new-password"><?cs call:error_of(!row, "password") ?></label>
<button type="submit">开设</button>
</form>
<?cs include:"footer.cs" ?>
