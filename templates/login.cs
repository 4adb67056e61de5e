<?cs # login.cs — GET/POST /login: signing in; a failed or throttled attempt comes back here with
  the reason.
  needs: Problem Next Login
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?>
<section class="form-page">
<h1>登录</h1>
<?cs if:Problem ?><p class="problem" role="alert"><?cs var:Problem ?></p><?cs /if ?>
<?cs call:error_summary() ?>
<form method="post" action="/login" class="stack">
<?cs call:csrf() ?><?cs if:Next ?><input type="hidden" name="next" value="<?cs var:Next ?>"><?cs
  /if ?>
<label>电子邮箱或手机号 <input type="text"<?cs call:field("login") ?> required maxlength="254" value="<?cs
  var:Login ?>" autocomplete="username"><?cs call:field_error("login") ?></label>
<label>密码 <input<?cs call:field("password") ?> type="password" required maxlength="128" autocomplete="current-password"><?cs
  call:field_error("password") ?></label>
<button type="submit">登录</button>
</form>
<p><a href="/reset">忘记密码？</a> · 还没有账号？<a href="/signup<?cs if:Next ?>?next=<?cs
  var:url_escape(Next) ?><?cs /if ?>">注册</a></p>
</section>
<?cs include:"footer.cs" ?>
