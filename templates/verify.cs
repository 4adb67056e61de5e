<?cs # verify.cs — GET/POST /verify: prove the login with a code sent to it, once, before the first
  hold.
  needs: Kind Login Problem Live Expires Mail Next
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?>
<section class="form-page">
<h1>验证<?cs var:Kind ?></h1>
<p>第一次保留孩子之前，请先验证您注册用的<?cs var:Kind ?> <b><?cs
  var:Login ?></b>。这样孩子不会被虚假账号占住，捐赠票据和提醒也能送到您手里。只需验证一次。</p>
<?cs if:Problem ?><p class="problem" role="alert"><?cs var:Problem ?></p><?cs /if ?>
<?cs call:error_summary() ?>
<?cs if:Live ?>
<p class="ok" role="status">验证码已经发到您的<?cs var:Kind ?>，<?cs var:Expires ?> 之前有效<?cs
  if:Mail ?>；也可以直接打开邮件里的链接<?cs /if ?>。</p>
<form method="post" action="/verify" class="stack">
<?cs call:csrf() ?><?cs if:Next ?><input type="hidden" name="next" value="<?cs var:Next ?>"><?cs
  /if ?>
<label>6 位验证码 <input type="text"<?cs call:field("verify_code") ?> required inputmode="numeric" pattern="[0-9]{6}" minlength="6" maxlength="6" autocomplete="one-time-code"><?cs
  call:field_error("verify_code") ?></label>
<button type="submit">验证</button>
</form>
<?cs /if ?>
<form method="post" action="/verify/send" class="stack">
<?cs call:csrf() ?><?cs if:Next ?><input type="hidden" name="next" value="<?cs var:Next ?>"><?cs
  /if ?>
<button type="submit"><?cs if:Live ?>没收到？重新发送验证码<?cs else ?>发送验证码<?cs /if ?></button>
</form>
</section>
<?cs include:"footer.cs" ?>
