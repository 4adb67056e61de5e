<?cs # signup.cs — GET /signup: a donor account.
  needs: Next Invalid.Typed
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?>
<section class="form-page">
<h1>注册</h1>
<?cs call:error_summary() ?>
<form method="post" action="/signup" class="stack">
<?cs call:csrf() ?><?cs if:Next ?><input type="hidden" name="next" value="<?cs var:Next ?>"><?cs
  /if ?>
<label>电子邮箱或手机号 <input type="text"<?cs call:field("login") ?> required maxlength="254" autocomplete="username"><?cs
  call:field_error("login") ?></label>
<label>密码（至少 8 个字符） <input<?cs call:field("password") ?> type="password" required minlength="8" maxlength="128" autocomplete="new-password"><?cs
  call:field_error("password") ?></label>
<label>昵称（公开列表中会部分隐去） <input type="text"<?cs call:field("display_name") ?> required maxlength="32"><?cs
  call:field_error("display_name") ?></label>
<label class="tick"><?cs #
?><input type="checkbox"<?cs call:field("agree") ?> value="1" aria-required="true"<?cs
  if:Invalid.Typed.agree ?> checked<?cs /if ?>><?cs #
?> 我已阅读并同意《用户协议》和《隐私政策》：我的个人信息只用于捐赠、票据和项目反馈。<?cs
  call:field_error("agree") ?></label>
<button type="submit">注册</button>
</form>
<p>已有账号？<a href="/login<?cs if:Next ?>?next=<?cs var:url_escape(Next) ?><?cs /if ?>">登录</a></p>
</section>
<?cs include:"footer.cs" ?>
