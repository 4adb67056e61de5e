<?cs # admin-visit-new.cs — GET /admin/visits/new?child=CODE: the visit form for one paired child,
  with its one-time key (a retried submission makes no second visit).
  needs: Visit.code Visit.alias Visit.paired_on FormKey
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<p class="crumb"><a href="/admin/visits">探访记录</a> › 记录探访</p>
<h1>记录探访 <small><?cs var:Visit.alias ?> · <?cs var:Visit.code ?></small></h1>
<p class="note">结对生效于 <?cs var:Visit.paired_on ?>。先保存为草稿，可以稍后补充照片、修改后再提交审核；审核通过后捐赠人才能看到。</p>
<?cs call:error_summary() ?>
<form method="post" action="/admin/visits" class="stack cols"><?cs call:csrf() ?>
<input type="hidden" name="child" value="<?cs var:Visit.code ?>">
<input type="hidden" name="form_key" value="<?cs var:FormKey ?>">
<?cs include:"admin-visit-form.cs" ?>
<button type="submit">保存草稿</button>
<button type="submit" name="and_submit" value="1">保存并提交审核</button>
</form>
<?cs include:"footer.cs" ?>
