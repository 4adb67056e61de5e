<?cs # activity.cs — GET /activities/{slug}: a themed activity, its progress, updates and closing
  report, the personal pages for it, and its donate form while it runs.
  needs: Activity.slug Activity.title Activity.story Activity.state Activity.state_label
    Activity.region_name Activity.starts_on Activity.ends_on Activity.filing_no Activity.goal
    Activity.pause_reason Activity.open Activity.early Raised.amount Raised.gifts Raised.match
    Raised.match_fen Raised.percent Pools.matched Pools.pledged Updates.*.body Updates.*.final
    Updates.*.posted_on
    Pages.*.code Pages.*.title Pages.*.display_name Pages.*.raised
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Activity.title ?></h1>
<p class="facts"><?cs var:Activity.region_name ?> · <?cs var:Activity.starts_on ?> 至 <?cs
  var:Activity.ends_on ?> · <?cs var:Activity.state_label ?><?cs if:Activity.filing_no ?> · 备案编号 <?cs
  var:Activity.filing_no ?><?cs /if ?></p>
<p class="progress">已筹 <b>¥<?cs var:Raised.amount ?></b> / 目标 ¥<?cs
  var:Activity.goal ?>（<?cs var:Raised.percent ?>%）· <?cs var:Raised.gifts ?> 人次<?cs
  if:Raised.match_fen > 0 ?>（其中配捐 ¥<?cs var:Raised.match ?>）<?cs /if ?></p>
<progress max="100" value="<?cs var:Raised.percent ?>"><?cs var:Raised.percent ?>%</progress>
<?cs if:Pools.pledged ?><p class="pools">为这个活动配捐：已配捐 ¥<?cs var:Pools.matched ?> / ¥<?cs
  var:Pools.pledged ?></p><?cs /if ?>
<p class="story"><?cs var:Activity.story ?></p>
<?cs if:Activity.state == "paused" ?><p class="msg">这个活动已暂停募捐：<?cs var:Activity.pause_reason ?></p><?cs
  elif:Activity.state == "ended" ?><p class="msg">这个活动已结束募捐。感谢每一位捐赠人。</p><?cs
  elif:Activity.early == 1 ?><p class="msg">这个活动将于 <?cs var:Activity.starts_on ?> 开始接受捐赠。</p><?cs
  /if ?>
<?cs if:Activity.open == 1 ?><section class="form-page">
<h2>为这个活动捐赠</h2>
<form method="post" action="/activities/<?cs var:Activity.slug ?>/donate" class="stack">
<?cs call:csrf() ?>
<?cs include:"gift-fields.cs" ?>
<button type="submit">去支付</button>
</form></section><?cs /if ?>
<h2>项目进展</h2>
<?cs if:subcount(Updates) == 0 ?><p class="note">还没有发布项目进展。</p><?cs else ?>
<p class="note">最近一次更新：<?cs var:Updates.0.posted_on ?></p>
<?cs each:u = Updates ?><article class="update"><h3><?cs var:u.posted_on ?><?cs
  if:u.final == 1 ?> · 结项报告<?cs /if ?></h3><p class="story"><?cs var:u.body ?></p></article>
<?cs /each ?><?cs /if ?>
<?cs if:subcount(Pages) > 0 ?><h2>一起捐</h2><ul>
<?cs each:p = Pages ?><li><a href="/p/<?cs var:p.code ?>"><?cs var:p.title ?></a> · 发起人 <?cs
  var:p.display_name ?> · 已筹 ¥<?cs var:p.raised ?></li>
<?cs /each ?></ul><?cs /if ?>
<p><a href="/report?item=activity:<?cs var:Activity.slug ?>">举报</a></p>
<?cs include:"footer.cs" ?>
