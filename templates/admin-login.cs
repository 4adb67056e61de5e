<?cs # admin-login.cs — GET/POST /admin/login: staff sign in; a failed or throttled attempt comes
  back with the reason.
  needs: Problem Next Username Invalid.Typed
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?>
<section class="form-page">
<h1>工作人员登录</h1>
<?cs if:Problem ?><p class="problem" role="alert"><?cs var:Problem ?></p><?cs /if ?>
<?cs call:error_summary() ?>
<form method="post" action="/admin/login" class="stack">
<?cs call:csrf() ?><?cs if:Next ?><input type="hidden" name="next" value="<?cs var:Next ?>"><?cs
  /if ?>
<label>用户名 <input type="text"<?cs call:field("username") ?> required maxlength="64" value="<?cs
  if:Username ?><?cs var:Username ?><?cs else ?><?cs var:Invalid.Typed.username ?><?cs /if ?>" autocomplete="username"><?cs
  call:field_error("username") ?></label>
<label>密码 <input<?cs call:field("password") ?> type="password" required maxlength="128" autocomplete="current-password"><?cs
  call:field_error("password") ?></label>
<button type="submit">登录</button>
</form>
<p class="note">账号由上级慈善会开设。忘记密码请联系上级管理员重设。</p>
</section>
<?cs include:"footer.cs" ?>
