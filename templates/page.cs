<?cs # page.cs — GET /p/{p}: a personal fundraising page (一起捐) or a spokesperson's (代言人): its
  story, progress, the latest gifts (masked names) and updates, sharing, 举报 and the donate form.
  needs: Fund.code Fund.title Fund.story Fund.display_name Fund.spokesperson Fund.kind
    Fund.kind_label Fund.children_n Fund.activity_slug Fund.activity_title Fund.state
    Fund.state_label Fund.review_note Fund.goal Fund.goal_fen Fund.raised Fund.raised_fen
    Fund.matched Fund.match_fen Fund.gifts Fund.pct Fund.ends_on Gifts.*.paid_at Gifts.*.donor
    Gifts.*.amount Gifts.*.message Updates.*.posted_on Updates.*.body Updates.*.final Presets.*
    Amount
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<article class="fund">
<h1><?cs var:Fund.title ?></h1>
<p class="facts">发起人 <b><?cs var:Fund.display_name ?></b><?cs if:Fund.spokesperson == 1 ?> <span class="badge">代言人</span><?cs
  /if ?> · <?cs var:Fund.kind_label ?><?cs if:Fund.kind == "children" ?>（<?cs
  var:Fund.children_n ?> 名孩子）<?cs /if ?><?cs if:Fund.activity_slug ?> · <a href="/activities/<?cs
  var:Fund.activity_slug ?>"><?cs var:Fund.activity_title ?></a><?cs /if ?></p>
<?cs if:Fund.state == "pending" ?><p class="note">这个页面正在等待慈善会审核，审核通过后才会公开。</p><?cs
  elif:Fund.state == "rejected" ?><p class="note">这个页面没有通过审核：<?cs var:Fund.review_note ?></p><?cs
  elif:Fund.state == "paused" ?><p class="note">这个一起捐页面已暂停募捐：<?cs var:Fund.review_note ?></p><?cs
  elif:Fund.state == "ended" ?><p class="note">这个一起捐页面已结束募捐，感谢每一位爱心人士。</p><?cs /if ?>
<section class="progress">
<label for="fund-progress">已筹 <b><?cs var:Fund.raised ?></b> 元 / 目标 <?cs var:Fund.goal ?> 元（<?cs
  var:Fund.pct ?>%）</label>
<progress id="fund-progress" max="<?cs var:Fund.goal_fen ?>" value="<?cs var:Fund.raised_fen ?>"><?cs
  var:Fund.pct ?>%</progress>
<p class="facts"><b><?cs var:Fund.gifts ?></b> 人次捐赠<?cs if:Fund.match_fen > 0 ?> · 含配捐 <?cs
  var:Fund.matched ?> 元<?cs /if ?> · 截止 <?cs var:Fund.ends_on ?><?cs if:subcount(Updates) > 0 ?> · 最近更新 <?cs
  var:Updates.0.posted_on ?><?cs /if ?></p>
</section>
<h2>发起人的话</h2>
<p class="story"><?cs var:Fund.story ?></p>
<?cs if:Fund.state == "live" ?>
<section class="form-page">
<h2>一起捐</h2>
<p>善款进入“童享阳光”项目，每一笔捐赠都有电子票据，并在<a href="/donations">捐赠查询</a>中公开。</p>
<form method="post" action="/p/<?cs var:Fund.code ?>/donate" class="stack">
<?cs call:csrf() ?>
<?cs include:"gift-fields.cs" ?>
<button type="submit">去支付</button>
</form>
</section>
<?cs /if ?>
<h2>项目进展</h2>
<?cs if:subcount(Updates) == 0 ?><p class="note">发起人还没有发布进展。</p><?cs /if ?>
<?cs each:u = Updates ?><section class="update"><h3><?cs var:u.posted_on ?><?cs if:u.final == 1 ?> 结项报告<?cs
  /if ?></h3><p class="story"><?cs var:u.body ?></p></section><?cs /each ?>
<h2>最新捐赠</h2>
<?cs if:subcount(Gifts) == 0 ?><p class="note">还没有捐赠，成为第一位支持者吧。</p><?cs else ?>
<?cs include:"page-gifts.cs" ?>
<?cs /if ?>
<h2>分享</h2>
<p class="share"><img src="/p/<?cs var:Fund.code ?>/qr.svg" alt="本页二维码" width="160" height="160"><br><?cs #
?><a href="/p/<?cs var:Fund.code ?>/poster">打印海报 / 手机海报</a></p>
<p class="fine"><a href="/report?item=page:<?cs var:Fund.code ?>">举报</a></p>
</article>
<?cs include:"footer.cs" ?>
