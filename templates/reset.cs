<?cs # reset.cs — GET/POST /reset: ask for a password-reset link; the answer never says whether the
  account exists.
  needs: Sent
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?>
<section class="form-page">
<h1>重设密码</h1>
<?cs if:Sent ?>
<p class="ok" role="status">如果这个邮箱或手机号注册过，我们已经把重设密码的链接发过去了，30 分钟内有效。</p>
<?cs else ?>
<?cs call:error_summary() ?>
<form method="post" action="/reset" class="stack">
<?cs call:csrf() ?>
<label>注册时用的电子邮箱或手机号 <input type="text"<?cs call:field("login") ?> required maxlength="254" autocomplete="username"><?cs
  call:field_error("login") ?></label>
<button type="submit">发送重设链接</button>
</form>
<?cs /if ?>
<p><a href="/login">返回登录</a></p>
</section>
<?cs include:"footer.cs" ?>
