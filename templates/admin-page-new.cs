<?cs # admin-page-new.cs — GET /admin/pages/new: the province makes a spokesperson's page (代言人)
  for a named person; it is live at once.
  needs: Kinds.*.code Kinds.*.label Activities.*.slug Activities.*.title Form.child_yuan
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<section class="form-page">
<h1>新建代言人页面</h1>
<p>为项目代言人建立一起捐页面，建立后立即公开。</p>
<?cs call:error_summary() ?>
<form method="post" action="/admin/pages" class="stack"><?cs call:csrf() ?>
<?cs include:"page-form.cs" ?>
<label for="f-name">代言人姓名（最多 32 字）</label>
<input type="text"<?cs call:field("name") ?> maxlength="32" required><?cs call:field_error("name") ?>
<button type="submit">建立并公开</button>
</form>
</section>
<?cs include:"footer.cs" ?>
