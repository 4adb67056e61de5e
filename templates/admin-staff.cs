<?cs # admin-staff.cs — GET /admin/staff: the staff accounts, a form to open one, and a button to
  close or reopen each.
  needs: Staff.*.username Staff.*.display_name Staff.*.role_label Staff.*.region_name
    Staff.*.last_login Staff.*.last_login_addr Staff.*.active Roles.*.code Roles.*.label
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>工作人员账号</h1>
<table class="gifts"><thead><tr><th>用户名</th><th>姓名</th><th>角色</th><th>地区</th><th>最近登录</th><?cs #
?><th>密码 · 状态</th></tr></thead><tbody>
<?cs each:s = Staff ?><tr><td><?cs var:s.username ?></td><td><?cs var:s.display_name ?></td><td><?cs
  var:s.role_label ?></td><td><?cs var:s.region_name ?></td>
<td><?cs var:s.last_login ?> <small><?cs var:s.last_login_addr ?></small></td>
<td><form method="post" action="/admin/staff/<?cs var:s.username ?>/password" class="inline"><?cs
  call:csrf() ?><?cs #
?><input name="password" type="password" minlength="8" maxlength="128" placeholder="新密码" required autocomplete="new-password"> <button type="submit" class="link">重设密码</button></form>
<form method="post" action="/admin/staff/<?cs var:s.username ?>/active" class="inline"><?cs
  call:csrf() ?><?cs
  if:s.active == 1 ?><input type="hidden" name="active" value="0"><?cs #
?><button type="submit" class="link">停用</button><?cs
  else ?><input type="hidden" name="active" value="1">已停用 <button type="submit" class="link"><?cs #
?>恢复</button><?cs /if ?></form></td></tr><?cs /each ?>
</tbody></table>
<h2>开设账号</h2>
<form method="post" action="/admin/staff" class="stack">
<?cs call:csrf() ?>
<label>用户名（小写字母、数字、点、横线） <input name="username" required maxlength="64"></label>
<label>姓名或单位 <input name="display_name" required maxlength="32"></label>
<label>角色 <select name="role"><?cs each:r = Roles ?><option value="<?cs var:r.code ?>"><?cs
  var:r.label ?></option><?cs /each ?></select></label>
<label>地区代码（省 420000，市州或区县的 GB/T 2260 代码） <input name="region" required maxlength="6"></label>
<label>初始密码（至少 8 个字符，<?cs #
?>请另行告知本人） <input name="password" type="password" required minlength="8" maxlength="128" autocomplete="new-password"></label>
<button type="submit">开设</button>
</form>
<?cs include:"footer.cs" ?>
