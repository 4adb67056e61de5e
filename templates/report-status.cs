<?cs # report-status.cs — GET /report/status?ticket=: a report's state, the day its answer is due,
  and the answer; without a ticket, the form to enter one.
  needs: Report.ticket Report.state Report.due_on Report.answer Report.answered_on
?><?cs include:"header.cs" ?>
<section class="form-page">
<h1>举报处理进度</h1>
<?cs if:Report.ticket ?>
<p>查询码：<?cs var:Report.ticket ?></p>
<?cs if:Report.state == "answered" ?>
<p class="ok">已答复（<?cs var:Report.answered_on ?>）</p>
<p class="story"><?cs var:Report.answer ?></p>
<?cs else ?>
<p>处理中：工作人员会在 <?cs var:Report.due_on ?> 之前答复。</p>
<?cs /if ?>
<?cs /if ?>
<form method="get" action="/report/status" class="stack">
<label for="ticket">查询码（12 位字母或数字）</label>
<input type="text" id="ticket" name="ticket" maxlength="12" required>
<button type="submit">查询</button>
</form>
</section>
<?cs include:"footer.cs" ?>
