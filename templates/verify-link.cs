<?cs # verify-link.cs — GET /verify/{token}: the mailed link's page; pressing its button verifies
  the address.
  needs: Token Next
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<section class="form-page">
<h1>验证邮箱</h1>
<p>请点击下面的按钮，确认这个邮箱是您的。</p>
<form method="post" action="/verify/<?cs var:Token ?>" class="stack">
<?cs call:csrf() ?><?cs if:Next ?><input type="hidden" name="next" value="<?cs var:Next ?>"><?cs
  /if ?>
<button type="submit">确认验证</button>
</form>
</section>
<?cs include:"footer.cs" ?>
