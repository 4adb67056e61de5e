<?cs # admin-login.cs — GET/POST /admin/login: staff sign in; a failed or throttled attempt comes
  back with the reason.
  needs: Problem Next Username
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<section class="form-page">
<h1>工作人员登录</h1>
<?cs if:Problem ?><p class="problem" role="alert"><?cs var:Problem ?></p><?cs /if ?>
<form method="post" action="/admin/login" class="stack">
<?cs call:csrf() ?><?cs if:Next ?><input type="hidden" name="next" value="<?cs var:Next ?>"><?cs
  /if ?>
<label>用户名 <input type="text" name="username" required maxlength="64" value="<?cs
  var:Username ?>" autocomplete="username"></label>
<label>密码 <input name="password" type="password" required maxlength="128" autocomplete="current-password"></label>
<button type="submit">登录</button>
</form>
<p class="note">账号由上级慈善会开设。忘记密码请联系上级管理员重设。</p>
</section>
<?cs include:"footer.cs" ?>
