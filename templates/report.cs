<?cs # report.cs — GET /report?item=: report a problem with a public page (举报), anonymously if
  one likes.
  needs: Report.item Report.title Kinds.*.code Kinds.*.label
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<section class="form-page">
<h1>举报</h1>
<p>您举报的页面：<?cs var:Report.title ?></p>
<p class="note">如果您发现虚假信息、善款使用问题、泄露个人信息或其他问题，请告诉我们。可以匿名举报；<?cs #
?>提交后您会得到一个查询码，工作人员会在 5 个工作日内答复。</p>
<form method="post" action="/report" class="stack">
<?cs call:csrf() ?>
<input type="hidden" name="item" value="<?cs var:Report.item ?>">
<label for="problem">问题类型</label>
<select id="problem" name="problem"><?cs each:k = Kinds ?><option value="<?cs var:k.code ?>"><?cs
  var:k.label ?></option><?cs /each ?></select>
<label for="text">问题描述（最多 2000 字）</label>
<textarea id="text" name="text" maxlength="2000" rows="6" required></textarea>
<label for="reach">联系方式（选填，只有处理举报的工作人员能看到）</label>
<input type="text" id="reach" name="reach" maxlength="64">
<button type="submit">提交举报</button>
</form>
<p><a href="/report/status">用查询码查看处理进度</a></p>
</section>
<?cs include:"footer.cs" ?>
