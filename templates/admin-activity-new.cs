<?cs # admin-activity-new.cs — GET /admin/activities/new: a new themed activity, saved as a draft.
  needs: Today
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>新建专题活动</h1>
<p><a href="/admin/activities">← 全部专题活动</a></p>
<p>新建的活动是草稿，发布之后才公开。发布之后只能修改介绍、备案编号和结束日期。</p>
<form method="post" action="/admin/activities" class="stack">
<?cs call:csrf() ?>
<?cs include:"admin-activity-fields.cs" ?>
<label>结束日期 <input name="to" type="date" required min="<?cs var:Today ?>"></label>
<label>介绍（最多 2000 字） <textarea name="text" required maxlength="2000" rows="8"></textarea></label>
<label>募捐方案备案编号（选填） <input type="text" name="filing_no" maxlength="64"></label>
<button type="submit">保存草稿</button>
</form>
<?cs include:"footer.cs" ?>
