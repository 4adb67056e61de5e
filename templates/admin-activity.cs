<?cs # admin-activity.cs — GET /admin/activities/{id}: one themed activity, what it raised, the form
  that changes it (a draft whole; once public its story, filing number and end date), the buttons
  its state allows, and its progress updates and closing report.
  needs: Activity.id Activity.title Activity.slug Activity.starts_on Activity.goal Activity.state
    Activity.state_label Activity.region_name Activity.ends_on
    Activity.story Activity.filing_no Activity.pause_reason Activity.raised Activity.gifts
    Updates.*.body Updates.*.final Updates.*.posted_on Invalid.Form
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Activity.title ?> <small><?cs var:Activity.state_label ?></small></h1>
<?cs call:error_summary() ?><?cs #
  the edit and the updates share the text's name: only the form posted is tied to its errors
?><?cs set:edit = Invalid.Form == "/admin/activities/{id}/edit" ?><?cs
  set:update = Invalid.Form == "/admin/activities/{id}/updates" ?>
<p><a href="/admin/activities">← 全部专题活动</a><?cs if:Activity.state != "draft" ?> · <a href="/activities/<?cs
  var:Activity.slug ?>">公开页面</a><?cs /if ?></p>
<p><?cs var:Activity.region_name ?> · <?cs var:Activity.starts_on ?> 至 <?cs var:Activity.ends_on ?> · 已筹 ¥<?cs
  var:Activity.raised ?> / 目标 ¥<?cs var:Activity.goal ?> · <?cs var:Activity.gifts ?> 人次</p>
<?cs if:Activity.state == "paused" ?><p class="msg">已暂停：<?cs var:Activity.pause_reason ?></p><?cs /if ?>
<?cs if:Activity.state != "ended" ?>
<h2>修改</h2>
<form method="post" action="/admin/activities/<?cs var:Activity.id ?>/edit" class="stack">
<?cs call:csrf() ?>
<?cs include:"admin-activity-fields.cs" ?>
<label>结束日期 <input<?cs call:field("to") ?> type="date" aria-required="true" value="<?cs
  call:again("to", Activity.ends_on) ?>"><?cs call:field_error("to") ?></label>
<label>介绍（最多 2000 字） <textarea<?cs call:field_of(!update, "text") ?> required maxlength="2000"<?cs #
  ?> rows="8"><?cs call:again_of(edit, "text", Activity.story) ?></textarea><?cs
  call:error_of(edit, "text") ?></label>
<label>募捐方案备案编号 <input type="text"<?cs call:field("filing_no") ?> maxlength="64" value="<?cs
  call:again("filing_no", Activity.filing_no) ?>"><?cs call:field_error("filing_no") ?></label>
<button type="submit">保存</button>
</form>
<?cs if:Activity.state == "draft" ?><form method="post" action="/admin/activities/<?cs
  var:Activity.id ?>/publish"><?cs call:csrf() ?><button type="submit">发布</button></form><?cs /if ?>
<?cs if:Activity.state == "live" ?><form method="post" action="/admin/activities/<?cs
  var:Activity.id ?>/pause" class="stack"><?cs call:csrf() ?>
<label>暂停原因（会通知这个活动的捐赠人） <input type="text"<?cs call:field("reason") ?> required<?cs #
  ?> maxlength="200"<?cs call:typed("reason") ?>><?cs call:field_error("reason") ?></label>
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
<label>内容（最多 2000 字，公开显示） <textarea<?cs call:field_of(update, "text") ?> required<?cs #
  ?> maxlength="2000" rows="5"><?cs call:again_of(update, "text", "") ?></textarea><?cs
  call:error_of(update, "text") ?></label>
<?cs if:Activity.state == "ended" ?><label class="tick"><input type="checkbox"<?cs call:field("final") ?><?cs #
  ?> value="1"<?cs if:Invalid.Typed.final ?> checked<?cs /if ?>> 这是结项报告</label><?cs
  call:field_error("final") ?><?cs /if ?>
<button type="submit">发布</button>
</form><?cs /if ?>
<h2>项目进展</h2>
<?cs if:subcount(Updates) == 0 ?><p>还没有项目进展。</p><?cs /if ?>
<?cs each:u = Updates ?><article class="update"><h3><?cs var:u.posted_on ?><?cs if:u.final == 1 ?> · 结项报告<?cs
  /if ?></h3><p class="story"><?cs var:u.body ?></p></article><?cs /each ?>
<?cs include:"footer.cs" ?>
