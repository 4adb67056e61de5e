<?cs # me.cs — GET /me: the donor's sponsorships with their schedules and, for an active one, the
  care timeline (approved visits, confirmed photos, the letters' page); donations with receipts,
  and yearly statements.
  needs: Who.name Spons.*.code Spons.*.alias Spons.*.sstate Spons.*.state_label Spons.*.gender_label
    Spons.*.age Spons.*.place Spons.*.category_label Spons.*.plan_label Spons.*.since
    Spons.*.minutes_left Spons.*.inst.*.seq Spons.*.inst.*.due_date Spons.*.inst.*.amount
    Spons.*.inst.*.paid Spons.*.inst.*.receipt_no Spons.*.inst.*.receipt_code Spons.*.sid
    Gifts.*.paid_at Gifts.*.purpose_label Gifts.*.amount Gifts.*.refund_due Gifts.*.receipt_no
    Gifts.*.receipt_code Years.*.year Spons.*.visits_total Spons.*.visits_year Spons.*.replies
    Spons.*.visits.*.date Spons.*.visits.*.kind Spons.*.visits.*.care Spons.*.visits.*.given
    Spons.*.visits.*.given_what Spons.*.visits.*.summary Spons.*.visits.*.photos.* Care.shown
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
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
<?cs if:s.sstate == "held" || s.sstate == "pending_payment" ?>
<p><a class="btn" href="/sponsor/<?cs var:s.code ?>">选择助养方式并支付</a> <span class="note">保留还剩约 <?cs
  var:s.minutes_left ?> 分钟</span></p>
<?cs /if ?>
<?cs if:subcount(s.inst) > 0 ?>
<table class="schedule"><thead><tr><th>期数</th><th>应付日期</th><th>金额（元）</th><th>状态</th></tr><?cs #
?></thead><tbody>
<?cs set:next_shown = 0 ?><?cs each:i = s.inst ?><tr><td>第 <?cs var:i.seq ?> 期</td><td><?cs
  var:i.due_date ?></td><td class="num"><?cs var:i.amount ?></td><td><?cs
  if:i.paid == 1 ?>已支付 · <a href="/receipts/<?cs var:i.receipt_no ?>?code=<?cs
  var:i.receipt_code ?>">票据</a><?cs
  elif:next_shown == 0 && (s.sstate == "pending_approval" || s.sstate == "active" ||
    s.sstate == "lapsing") ?><?cs
  set:next_shown = 1 ?><form method="post" action="/me/sponsorships/<?cs
  var:s.sid ?>/pay" class="inline"><?cs
  call:csrf() ?><button type="submit">支付这一期</button></form><?cs else ?>待支付<?cs /if ?></td></tr><?cs
  /each ?>
</tbody></table>
<?cs /if ?>
<?cs if:s.sstate == "lapsing" ?><p class="note">这项结对的助养款已经逾期。付清到期的各期，结对即恢复。</p><?cs /if ?>
<?cs if:s.sstate == "active" || s.sstate == "lapsing" ?><p class="fine"><a href="/me/sponsorships/<?cs
  var:s.sid ?>/stop">停止续捐</a></p><?cs /if ?>
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
<h2>我的捐赠</h2>
<?cs if:subcount(Gifts) == 0 ?><p class="note">还没有捐赠记录。<a href="/donate">我要捐赠</a></p><?cs else ?>
<table class="gifts"><thead><tr><th>时间</th><th>用途</th><th>金额（元）</th><th>票据</th></tr></thead><tbody>
<?cs each:g = Gifts ?><tr><td><?cs var:g.paid_at ?></td><td><?cs
  var:g.purpose_label ?></td><td class="num"><?cs var:g.amount ?><?cs
  if:g.refund_due == 1 ?><br><small>待原路退回，不计入捐赠</small><?cs /if ?></td><td><a href="/receipts/<?cs
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
