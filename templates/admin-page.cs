<?cs # admin-page.cs — GET /admin/pages/{id}: a personal fundraising page for review: its story,
  progress, gifts and updates, and what staff may do in its state.
  needs: Form.action Mine.person_name Fund.code Fund.title Fund.story Fund.display_name
    Fund.spokesperson Fund.kind_label Fund.children_n Fund.activity_title Fund.state
    Fund.state_label Fund.review_note Fund.raised Fund.goal Fund.pct Fund.gifts Fund.ends_on
    Gifts.*.paid_at Gifts.*.donor Gifts.*.amount Gifts.*.message Updates.*.posted_on
    Updates.*.body
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?>
<h1><?cs var:Fund.title ?></h1>
<?cs call:error_summary() ?>
<p class="facts"><?cs var:Fund.code ?> · <span class="state state-<?cs var:Fund.state ?>"><?cs
  var:Fund.state_label ?></span> · <?cs var:Fund.kind_label ?><?cs if:Fund.children_n ?>（<?cs
  var:Fund.children_n ?> 名孩子）<?cs /if ?><?cs if:Fund.activity_title ?> · <?cs var:Fund.activity_title ?><?cs /if ?></p>
<p class="facts">发起人 <?cs var:Fund.display_name ?><?cs if:Fund.spokesperson == 1 ?> <span class="badge">代言人</span> <?cs
  var:Mine.person_name ?><?cs /if ?> · 已筹 <?cs var:Fund.raised ?> 元 / <?cs var:Fund.goal ?> 元（<?cs
  var:Fund.pct ?>%）· <?cs var:Fund.gifts ?> 人次 · 截止 <?cs var:Fund.ends_on ?></p>
<?cs if:Fund.review_note ?><p class="note">说明：<?cs var:Fund.review_note ?></p><?cs /if ?>
<?cs if:Fund.state != "pending" && Fund.state != "rejected" ?><p><a href="/p/<?cs var:Fund.code ?>">公开页面</a></p><?cs /if ?>
<h2>发起的理由</h2>
<p class="story"><?cs var:Fund.story ?></p>
<?cs if:Fund.state == "pending" ?>
<form method="post" action="<?cs var:Form.action ?>/approve" class="inline"><?cs call:csrf() ?><button type="submit">通过，公开页面</button></form>
<form method="post" action="<?cs var:Form.action ?>/reject" class="stack"><?cs call:csrf() ?>
<label for="f-reason">不通过的理由（发起人会看到）</label>
<input type="text"<?cs call:field("reason") ?> maxlength="200" required<?cs call:typed("reason") ?>><?cs
  call:field_error("reason") ?>
<button type="submit">不通过</button></form>
<?cs elif:Fund.state == "live" ?>
<form method="post" action="<?cs var:Form.action ?>/pause" class="stack"><?cs call:csrf() ?>
<label for="f-reason">暂停的理由（会告知这个页面的捐赠人）</label>
<input type="text"<?cs call:field("reason") ?> maxlength="200" required<?cs call:typed("reason") ?>><?cs
  call:field_error("reason") ?>
<button type="submit">暂停募捐</button></form>
<?cs elif:Fund.state == "paused" ?>
<form method="post" action="<?cs var:Form.action ?>/resume" class="inline"><?cs call:csrf() ?><button type="submit">恢复募捐</button></form>
<?cs /if ?>
<?cs if:Fund.state == "live" || Fund.state == "paused" ?>
<form method="post" action="<?cs var:Form.action ?>/end" class="inline"><?cs call:csrf() ?><button type="submit">结束募捐</button></form>
<?cs /if ?>
<h2>进展</h2>
<?cs if:subcount(Updates) == 0 ?><p class="note">还没有进展。</p><?cs /if ?>
<?cs each:u = Updates ?><section class="update"><h3><?cs var:u.posted_on ?></h3><p class="story"><?cs
  var:u.body ?></p></section><?cs /each ?>
<h2>最新捐赠</h2>
<?cs if:subcount(Gifts) == 0 ?><p class="note">还没有捐赠。</p><?cs else ?>
<?cs include:"page-gifts.cs" ?>
<?cs /if ?>
<p><a href="/admin/pages">返回列表</a></p>
<?cs include:"footer.cs" ?>
