<?cs # admin-activity-new.cs — GET /admin/activities/new: a new themed activity, saved as a draft.
  needs: Today Invalid.Typed
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>新建专题活动</h1>
<?cs call:error_summary() ?>
<p><a href="/admin/activities">← 全部专题活动</a></p>
<p>新建的活动是草稿，发布之后才公开。发布之后只能修改介绍、备案编号和结束日期。</p>
<form method="post" action="/admin/activities" class="stack">
<?cs call:csrf() ?>
<?cs include:"admin-activity-fields.cs" ?>
<label>结束日期 <input<?cs call:field("to") ?> type="date" aria-required="true" min="<?cs var:Today ?>"<?cs
  call:typed("to") ?>><?cs call:field_error("to") ?></label>
<label>介绍（最多 2000 字） <textarea<?cs call:field("text") ?> required maxlength="2000" rows="8"><?cs
  var:Invalid.Typed.text ?></textarea><?cs call:field_error("text") ?></label>
<label>募捐方案备案编号（选填） <input type="text"<?cs call:field("filing_no") ?> maxlength="64"<?cs
  call:typed("filing_no") ?>><?cs call:field_error("filing_no") ?></label>
<button type="submit">保存草稿</button>
</form>
<?cs include:"footer.cs" ?>
