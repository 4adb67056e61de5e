<?cs # me.cs — GET /me: the donor's sponsorships with their schedules, the next instalment when it
  is due, the fund trail (资金到人) and, for an active one, the care timeline (approved visits,
  confirmed photos, the letters' page); donations with receipts, and yearly statements.
  needs: Who.name Spons.*.code Spons.*.alias Spons.*.sstate Spons.*.state_label Spons.*.gender_label
    Spons.*.age Spons.*.place Spons.*.category_label Spons.*.plan_label Spons.*.since
    Spons.*.minutes_left Spons.*.inst.*.seq Spons.*.inst.*.due_date Spons.*.inst.*.amount
    Spons.*.inst.*.paid Spons.*.inst.*.receipt_no Spons.*.inst.*.receipt_code Spons.*.sid
    Gifts.*.paid_at Gifts.*.purpose_label Gifts.*.amount Gifts.*.refund_due Gifts.*.receipt_no
    Gifts.*.receipt_code Years.*.year Spons.*.visits_total Spons.*.visits_year Spons.*.replies
    Spons.*.visits.*.date Spons.*.visits.*.kind Spons.*.visits.*.care Spons.*.visits.*.given
    Spons.*.visits.*.given_what Spons.*.visits.*.summary Spons.*.visits.*.photos.* Care.shown
    Pay.Offered.*.name Pay.Offered.*.label
    Spons.*.inst.*.due_soon Spons.*.inst.*.overdue Spons.*.trail.received Spons.*.trail.paid
    Spons.*.trail.held Spons.*.trail.advanced Spons.*.trail.gifts.*.date
    Spons.*.trail.gifts.*.amount Spons.*.trail.gifts.*.receipt_no
    Spons.*.trail.gifts.*.receipt_code Spons.*.trail.payouts.*.period
    Spons.*.trail.payouts.*.amount Spons.*.trail.payouts.*.method Spons.*.trail.payouts.*.date
    Spons.*.trail.payouts.*.verified Spons.*.trail.payouts.*.advanced
?><?cs #
  A payment's button: with several providers offered, one button for each, naming it.
?><?cs def:pay_buttons(what) ?><?cs if:subcount(Pay.Offered) > 1 ?><?cs
  each:p = Pay.Offered ?><button type="submit" name="provider" value="<?cs var:p.name ?>"><?cs
  var:what ?>（<?cs var:p.label ?>）</button> <?cs /each ?><?cs else ?><button type="submit"><?cs
  var:what ?></button><?cs /if ?><?cs /def ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Who.name ?> 的账户</h1>
<form method="post" action="/logout" class="inline"><?cs
  call:csrf() ?><button type="submit" class="link">退出登录</button></form>
<h2>我的结对</h2>
<?cs if:subcount(Spons) == 0 ?>
<p class="note">您还没有结对的孩子。<a href="/children">去看看等待结对的孩子</a></p>
<?cs /if ?>
<?cs each:s = Spons ?>
<section class="spons">
<h3><a href="/children/<?cs var:s.code ?>"><?cs var:s.alias ?></a> <span class="state state-<?cs
  var:s.sstate ?>"><?cs var:s.state_label ?></span></h3>
<p class="facts"><?cs var:s.gender_label ?> · <?cs var:s.age ?>岁 · <?cs var:s.place ?> · <?cs
  var:s.category_label ?><?cs if:s.plan_label ?> · <?cs var:s.plan_label ?><?cs /if ?> · <?cs
  var:s.since ?> 起</p>
<?cs if:s.sstate == "lapsing" ?>
<p class="note">这一期助养款已逾期未付。孩子仍与您结对，善款照常发放到已付的期限；请尽快续捐，逾期过久区县慈善会可能结束这次结对。</p>
<?cs elif:s.sstate == "stopping" ?>
<p class="note">您已停止续捐。已捐的善款会继续按期发放给孩子，直到所付期限结束。</p>
<?cs /if ?>
<?cs if:s.sstate == "active" || s.sstate == "lapsing" ?><?cs set:due_seen = 0 ?><?cs
  each:i = s.inst ?><?cs if:due_seen == 0 && i.paid != 1 ?><?cs set:due_seen = 1 ?><?cs
  if:i.due_soon == 1 ?>
<div class="next-due"><p>下一期 <b><?cs var:i.amount ?></b> 元，<?cs if:i.overdue == 1 ?>已于 <?cs
  var:i.due_date ?> 到期<?cs else ?>应于 <?cs var:i.due_date ?> 前支付<?cs /if ?>。</p>
<form method="post" action="/me/sponsorships/<?cs var:s.sid ?>/pay" class="inline"><?cs
  call:csrf() ?><?cs call:pay_buttons("支付 " + i.amount + " 元") ?></form></div>
<?cs /if ?><?cs /if ?><?cs /each ?>
<p><a href="/me/sponsorships/<?cs var:s.sid ?>/stop">停止续捐</a></p>
<?cs /if ?>
<?cs if:s.sstate == "held" || s.sstate == "pending_payment" ?>
<p><a class="btn" href="/sponsor/<?cs var:s.code ?>">选择助养方式并支付</a> <span class="note">保留还剩约 <?cs
  var:s.minutes_left ?> 分钟</span></p>
<?cs /if ?>
<?cs if:subcount(s.inst) > 0 ?>
<table class="list schedule"><thead><tr><th scope="col">期数</th><th scope="col">应付日期</th>
<th scope="col">金额（元）</th><th scope="col">状态</th></tr><?cs #
?></thead><tbody>
<?cs set:next_shown = 0 ?><?cs each:i = s.inst ?><tr><td data-label="期数">第 <?cs
  var:i.seq ?> 期</td><?cs #
  ?><td data-label="应付日期"><?cs var:i.due_date ?></td>
<td data-label="金额（元）" class="num"><?cs
  var:i.amount ?></td>
<td data-label="状态"><?cs if:i.paid == 1 ?>已支付 · <a href="/receipts/<?cs
  var:i.receipt_no ?>?code=<?cs
  var:i.receipt_code ?>">票据</a><?cs
  elif:next_shown == 0 && (s.sstate == "pending_approval" || s.sstate == "active" ||
    s.sstate == "lapsing") ?><?cs
  set:next_shown = 1 ?><form method="post" action="/me/sponsorships/<?cs
  var:s.sid ?>/pay" class="inline"><?cs
  call:csrf() ?><?cs call:pay_buttons("支付这一期") ?></form><?cs else ?>待支付<?cs /if ?></td></tr><?cs
  /each ?>
</tbody></table>
<?cs /if ?>
<?cs if:s.trail.received ?>
<h4>资金到人</h4>
<div class="trail">
<p class="facts">已收到您的善款 <b><?cs var:s.trail.received ?></b> 元 → 已发放到孩子家庭 <b><?cs
  var:s.trail.paid ?></b> 元 → 区县慈善会为孩子结存 <b><?cs var:s.trail.held ?></b> 元<?cs
  if:s.trail.advanced ?>（其中区县慈善会垫付 <?cs var:s.trail.advanced ?> 元）<?cs /if ?></p>
<?cs if:subcount(s.trail.gifts) > 0 ?>
<table class="list gifts trail"><caption>收到的善款</caption><thead><tr><th scope="col">日期</th>
<th scope="col">金额（元）</th><?cs #
?><th scope="col">票据</th></tr></thead><tbody>
<?cs each:g = s.trail.gifts ?><tr><td data-label="日期"><?cs var:g.date ?></td>
<td data-label="金额（元）" class="num"><?cs
  var:g.amount ?></td><td data-label="票据"><a href="/receipts/<?cs var:g.receipt_no ?>?code=<?cs
  var:g.receipt_code ?>"><?cs var:g.receipt_no ?></a></td></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs if:subcount(s.trail.payouts) > 0 ?>
<table class="list gifts trail"><caption>发放到孩子家庭</caption><thead><tr><?cs #
?><th scope="col">期间</th><th scope="col">金额（元）</th><?cs #
?><th scope="col">方式</th><th scope="col">发放日期</th><th scope="col">凭证</th></tr></thead><tbody>
<?cs each:p = s.trail.payouts ?><tr><td data-label="期间"><?cs var:p.period ?></td>
<td data-label="金额（元）" class="num"><?cs
  var:p.amount ?><?cs if:p.advanced ?><br><small>区县慈善会垫付 <?cs var:p.advanced ?> 元</small><?cs
  /if ?></td><td data-label="方式"><?cs var:p.method ?></td>
<td data-label="发放日期"><?cs var:p.date ?></td><td data-label="凭证"><?cs
  if:p.verified == 1 ?>凭证已核验<?cs else ?>—<?cs /if ?></td></tr><?cs /each ?>
</tbody></table>
<?cs else ?>
<p class="note">县级慈善会按期把善款发放到孩子家庭后，每一笔发放都会显示在这里。</p>
<?cs /if ?>
</div>
<?cs /if ?>
<?cs if:s.sstate == "active" ?>
<h4>探访反馈 <small>今年 <?cs var:s.visits_year ?> 次</small></h4>
<p><a href="/me/sponsorships/<?cs var:s.sid ?>/letters">给孩子写信 · 孩子的回信</a><?cs
  if:s.replies > 0 ?>（<?cs var:s.replies ?> 封回信）<?cs /if ?></p>
<?cs if:subcount(s.visits) == 0 ?>
<p class="note">志愿者探访孩子后，经县级慈善会审核的探访反馈会显示在这里。</p>
<?cs else ?>
<ol class="timeline"><?cs each:v = s.visits ?>
<li><p class="facts"><time><?cs var:v.date ?></time> · <?cs var:v.kind ?> · <?cs
  var:v.care ?></p>
<p><?cs var:v.summary ?></p><?cs if:v.given || v.given_what ?>
<p class="note">送去：<?cs var:v.given_what ?><?cs if:v.given ?><?cs if:v.given_what ?>，<?cs
  /if ?>价值 <?cs var:v.given ?> 元<?cs /if ?></p><?cs /if ?><?cs if:subcount(v.photos) > 0 ?>
<p class="photos"><?cs each:ph = v.photos ?><img src="/me/photos/<?cs var:ph ?>" alt="探访照片" <?cs #
  ?>loading="lazy"><?cs /each ?></p><?cs /if ?></li><?cs /each ?>
</ol>
<?cs if:s.visits_total > Care.shown ?>
<p class="note">共 <?cs var:s.visits_total ?> 次探访，这里显示最近 <?cs var:Care.shown ?> 次。</p>
<?cs /if ?><?cs /if ?>
<p class="fine">为保护孩子，反馈中不会出现孩子的真实姓名、学校和住址，您与孩子家庭也不会得知彼此的联系方式。</p>
<?cs /if ?>
</section>
<?cs /each ?>
<?cs include:"me-pages.cs" ?>
<h2>我的捐赠</h2>
<?cs if:subcount(Gifts) == 0 ?><p class="note">还没有捐赠记录。<a href="/donate">我要捐赠</a></p><?cs else ?>
<table class="list gifts"><thead><tr><th scope="col">时间</th><th scope="col">用途</th>
<th scope="col">金额（元）</th><th scope="col">票据</th></tr></thead><tbody>
<?cs each:g = Gifts ?><tr><td data-label="时间"><?cs var:g.paid_at ?></td><td data-label="用途"><?cs
  var:g.purpose_label ?></td><td data-label="金额（元）" class="num"><?cs var:g.amount ?><?cs
  if:g.refund_due == 1 ?><br><small>待原路退回，不计入捐赠</small><?cs /if ?></td>
<td data-label="票据"><a href="/receipts/<?cs
  var:g.receipt_no ?>?code=<?cs var:g.receipt_code ?>"><?cs var:g.receipt_no ?></a></td></tr><?cs
  /each ?>
</tbody></table>
<?cs /if ?>
<?cs if:subcount(Years) > 0 ?>
<h2>年度捐赠证明</h2>
<p><?cs each:y = Years ?><a class="btn" href="/me/statements/<?cs var:y.year ?>"><?cs
  var:y.year ?> 年</a> <?cs /each ?></p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
