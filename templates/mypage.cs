<?cs # mypage.cs — GET /me/pages/{id}: the initiator's own personal fundraising page: state,
  progress, gifts, updates, the form to post one, ending it early.
  needs: Form.action Form.per_day Fund.code Fund.title Fund.state Fund.state_label Fund.review_note
    Fund.raised Fund.goal Fund.pct Fund.gifts Fund.ends_on Gifts.*.paid_at Gifts.*.donor
    Gifts.*.amount Gifts.*.message Updates.*.posted_on Updates.*.body Fund.kind Offer.left
    Picked.*.seq Picked.*.code Picked.*.alias Picked.*.state_label Waiting.*.code
    Waiting.*.alias Waiting.*.age Waiting.*.place
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>我的一起捐：<?cs var:Fund.title ?></h1>
<p class="facts"><span class="state state-<?cs var:Fund.state ?>"><?cs var:Fund.state_label ?></span> · 已筹 <b><?cs
  var:Fund.raised ?></b> 元 / <?cs var:Fund.goal ?> 元（<?cs var:Fund.pct ?>%）· <?cs
  var:Fund.gifts ?> 人次 · 截止 <?cs var:Fund.ends_on ?></p>
<?cs if:Fund.review_note && (Fund.state == "rejected" || Fund.state == "paused") ?><p class="note">慈善会的说明：<?cs
  var:Fund.review_note ?></p><?cs /if ?>
<p><a href="/p/<?cs var:Fund.code ?>">查看公开页面</a> · <a href="/p/<?cs var:Fund.code ?>/poster">海报</a></p>
<?cs if:Fund.kind == "children" ?>
<h2>一起助养的孩子</h2>
<?cs each:k = Picked ?><p class="facts">第 <?cs var:k.seq ?> 个孩子：<a href="/children/<?cs var:k.code ?>"><?cs
  var:k.alias ?></a>（<?cs var:k.state_label ?>）</p><?cs /each ?>
<?cs if:Offer.left > 0 && subcount(Waiting) > 0 ?>
<p class="note">页面筹到的善款已经够再助养 <?cs var:Offer.left ?> 个孩子一年（每个孩子 3,000 元）。
请选择一个孩子，以您的名义结对，捐赠人将作为共同助养人；结对经慈善会审核后生效。</p>
<?cs each:w = Waiting ?><form method="post" action="<?cs var:Form.action ?>/pick" class="inline"><?cs call:csrf() ?>
<input type="hidden" name="child" value="<?cs var:w.code ?>"><?cs var:w.alias ?>，<?cs var:w.age ?> 岁，<?cs
  var:w.place ?> <button type="submit">选择<?cs var:w.alias ?></button></form>
<?cs /each ?>
<?cs elif:subcount(Picked) == 0 ?><p class="note">页面每筹满 3,000 元，您就可以选择一个等待结对的孩子。</p><?cs /if ?>
<?cs /if ?>
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
