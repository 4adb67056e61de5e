<?cs # admin-report.cs — GET /admin/reports/{id}: one report, its answer or the form to answer
  it, and pausing the activity or personal page it is about.
  needs: Report.id Report.ticket Report.item Report.link Report.kind_label Report.state
    Report.body Report.due_on Report.place Report.answer Report.activity_id Report.page_id
    Report.filed Report.answered Report.paused Report.answerer Report.overdue Report.reach_text
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?>
<h1>举报 <small><?cs var:Report.ticket ?></small></h1>
<?cs call:error_summary() ?>
<dl class="facts">
<dt>页面</dt><dd><a href="<?cs var:Report.link ?>"><?cs var:Report.item ?></a></dd>
<dt>问题类型</dt><dd><?cs var:Report.kind_label ?></dd>
<dt>地区</dt><dd><?cs var:Report.place ?></dd>
<dt>提交时间</dt><dd><?cs var:Report.filed ?></dd>
<dt>答复期限</dt><dd><?cs var:Report.due_on ?><?cs if:Report.overdue == 1 ?> <span class="state state-overdue">已逾期</span><?cs /if ?></dd>
<dt>联系方式</dt><dd><?cs if:Report.reach_text ?><?cs var:Report.reach_text ?><?cs else ?>匿名，未留联系方式<?cs /if ?></dd>
</dl>
<h2>问题描述</h2>
<p class="story"><?cs var:Report.body ?></p>
<?cs if:Report.state == "answered" ?>
<h2>答复 <small><?cs var:Report.answered ?> <?cs var:Report.answerer ?></small></h2>
<p class="story"><?cs var:Report.answer ?></p>
<?cs else ?>
<h2>答复举报人</h2>
<form method="post" action="/admin/reports/<?cs var:Report.id ?>/answer" class="stack">
<?cs call:csrf() ?>
<label for="f-text">答复（举报人用查询码可以看到，最多 2000 字）</label>
<textarea<?cs call:field("text") ?> maxlength="2000" rows="5" required><?cs
  var:Invalid.Typed.text ?></textarea><?cs call:field_error("text") ?>
<button type="submit">提交答复</button>
</form>
<?cs /if ?>
<?cs if:Report.activity_id || Report.page_id ?>
<h2>暂停募捐</h2>
<?cs if:Report.paused ?><p class="note">已于 <?cs var:Report.paused ?> 根据这条举报暂停。</p><?cs /if ?>
<form method="post" action="/admin/reports/<?cs var:Report.id ?>/pause-item" class="stack">
<?cs call:csrf() ?>
<label for="f-reason">暂停原因（会通知这项募捐的每位捐赠人，最多 200 字）</label>
<input type="text"<?cs call:field("reason") ?> maxlength="200" required<?cs call:typed("reason") ?>><?cs
  call:field_error("reason") ?>
<button type="submit">暂停这项募捐</button>
</form>
<?cs /if ?>
<p><a href="/admin/reports">返回举报列表</a></p>
<?cs include:"footer.cs" ?>
