<?cs # admin-activity.cs — GET /admin/activities/{id}: one themed activity, what it raised, the form
  that changes it (a draft whole; once public its story, filing number and end date), the buttons
  its state allows, and its progress updates and closing report.
  needs: Activity.id Activity.title Activity.slug Activity.starts_on Activity.goal Activity.state
    Activity.state_label Activity.region_name Activity.ends_on
    Activity.story Activity.filing_no Activity.pause_reason Activity.raised Activity.gifts
    Updates.*.body Updates.*.final Updates.*.posted_on
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Activity.title ?> <small><?cs var:Activity.state_label ?></small></h1>
<p><a href="/admin/activities">← 全部专题活动</a><?cs if:Activity.state != "draft" ?> · <a href="/activities/<?cs
  var:Activity.slug ?>">公开页面</a><?cs /if ?></p>
<p><?cs var:Activity.region_name ?> · <?cs var:Activity.starts_on ?> 至 <?cs var:Activity.ends_on ?> · 已筹 ¥<?cs
  var:Activity.raised ?> / 目标 ¥<?cs var:Activity.goal ?> · <?cs var:Activity.gifts ?> 人次</p>
<?cs if:Activity.state == "paused" ?><p class="msg">已暂停：<?cs var:Activity.pause_reason ?></p><?cs /if ?>
<?cs if:Activity.state != "ended" ?>
<h2>修改</h2>
<form method="post" action="/admin/activities/<?cs var:Activity.id ?>/edit" class="stack">
<?cs call:csrf() ?>
<?cs if:Activity.state == "draft" ?><?cs include:"admin-activity-fields.cs" ?><?cs /if ?>
<label>结束日期 <input name="to" type="date" required value="<?cs var:Activity.ends_on ?>"></label>
<label>介绍（最多 2000 字） <textarea name="text" required maxlength="2000" rows="8"><?cs
  var:Activity.story ?></textarea></label>
<label>募捐方案备案编号 <input type="text" name="filing_no" maxlength="64" value="<?cs var:Activity.filing_no ?>"></label>
<button type="submit">保存</button>
</form>
<?cs if:Activity.state == "draft" ?><form method="post" action="/admin/activities/<?cs
  var:Activity.id ?>/publish"><?cs call:csrf() ?><button type="submit">发布</button></form><?cs /if ?>
<?cs if:Activity.state == "live" ?><form method="post" action="/admin/activities/<?cs
  var:Activity.id ?>/pause" class="stack"><?cs call:csrf() ?>
<label>暂停原因（会通知这个活动的捐赠人） <input type="text" name="reason" required maxlength="200"></label>
<button type="submit">暂停募捐</button></form><?cs /if ?>
<?cs if:Activity.state == "paused" ?><form method="post" action="/admin/activities/<?cs
  var:Activity.id ?>/resume"><?cs call:csrf() ?><button type="submit">恢复募捐</button></form><?cs /if ?>
<?cs if:Activity.state == "live" || Activity.state == "paused" ?><form method="post" action="/admin/activities/<?cs
  var:Activity.id ?>/end"><?cs call:csrf() ?><button type="submit">结束募捐</button></form><?cs /if ?>
<?cs /if ?>
<?cs if:Activity.state != "draft" ?>
<h2>发布项目进展</h2>
<form method="post" action="/admin/activities/<?cs var:Activity.id ?>/updates" class="stack">
<?cs call:csrf() ?>
<label>内容（最多 2000 字，公开显示） <textarea name="text" required maxlength="2000" rows="5"></textarea></label>
<?cs if:Activity.state == "ended" ?><label class="tick"><input type="checkbox" name="final" value="1"> 这是结项报告</label><?cs /if ?>
<button type="submit">发布</button>
</form><?cs /if ?>
<h2>项目进展</h2>
<?cs if:subcount(Updates) == 0 ?><p>还没有项目进展。</p><?cs /if ?>
<?cs each:u = Updates ?><article class="update"><h3><?cs var:u.posted_on ?><?cs if:u.final == 1 ?> · 结项报告<?cs
  /if ?></h3><p class="story"><?cs var:u.body ?></p></article><?cs /each ?>
<?cs include:"footer.cs" ?>
