<?cs # newpw.cs — GET /reset/{token}: choose a new password with a reset link.
  needs: Token
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?>
<section class="form-page">
<h1>设置新密码</h1>
<?cs call:error_summary() ?>
<form method="post" action="/reset/<?cs var:Token ?>" class="stack">
<?cs call:csrf() ?>
<label>新密码（至少 8 个字符） <input<?cs call:field("password") ?> type="password" required minlength="8" maxlength="128" autocomplete="new-password"><?cs
  call:field_error("password") ?></label>
<button type="submit">保存新密码</button>
</form>
</section>
<?cs include:"footer.cs" ?>
