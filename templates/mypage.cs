<?cs # mypage.cs — GET /me/pages/{id}: the initiator's own personal fundraising page: state,
  progress, gifts, updates, the form to post one, ending it early.
  needs: Form.action Form.per_day Fund.code Fund.title Fund.state Fund.state_label Fund.review_note
    Fund.raised Fund.goal Fund.pct Fund.gifts Fund.ends_on Gifts.*.paid_at Gifts.*.donor
    Gifts.*.amount Gifts.*.message Updates.*.posted_on Updates.*.body
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>我的一起捐：<?cs var:Fund.title ?></h1>
<p class="facts"><span class="state state-<?cs var:Fund.state ?>"><?cs var:Fund.state_label ?></span> · 已筹 <b><?cs
  var:Fund.raised ?></b> 元 / <?cs var:Fund.goal ?> 元（<?cs var:Fund.pct ?>%）· <?cs
  var:Fund.gifts ?> 人次 · 截止 <?cs var:Fund.ends_on ?></p>
<?cs if:Fund.review_note && (Fund.state == "rejected" || Fund.state == "paused") ?><p class="note">慈善会的说明：<?cs
  var:Fund.review_note ?></p><?cs /if ?>
<p><a href="/p/<?cs var:Fund.code ?>">查看公开页面</a> · <a href="/p/<?cs var:Fund.code ?>/poster">海报</a></p>
<?cs if:Fund.state == "live" || Fund.state == "paused" ?>
<h2>发布进展</h2>
<form method="post" action="<?cs var:Form.action ?>" class="stack"><?cs call:csrf() ?>
<label for="text">进展（最多 2000 字，每天最多 <?cs var:Form.per_day ?> 条）</label>
<textarea id="text" name="text" rows="5" maxlength="2000" required></textarea>
<button type="submit">发布</button>
</form>
<?cs /if ?>
<h2>已发布的进展</h2>
<?cs if:subcount(Updates) == 0 ?><p class="note">还没有进展。</p><?cs /if ?>
<?cs each:u = Updates ?><section class="update"><h3><?cs var:u.posted_on ?></h3><p class="story"><?cs
  var:u.body ?></p></section><?cs /each ?>
<h2>收到的捐赠</h2>
<?cs if:subcount(Gifts) == 0 ?><p class="note">还没有捐赠。</p><?cs else ?>
<?cs include:"page-gifts.cs" ?>
<?cs /if ?>
<?cs if:Fund.state == "live" ?>
<h2>提前结束</h2>
<form method="post" action="<?cs var:Form.action ?>/end" class="stack"><?cs call:csrf() ?>
<button type="submit">结束募捐</button>
</form>
<?cs /if ?>
<p><a href="/me">返回我的账户</a></p>
<?cs include:"footer.cs" ?>
