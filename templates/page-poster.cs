<?cs # page-poster.cs — GET /p/{p}/poster: a personal page's poster, printable on A4 (print.css)
  and, on a phone's screen, a card to save and share: QR code, title, progress, the charity.
  needs: Fund.code Fund.url Fund.title Fund.display_name Fund.spokesperson Fund.goal Fund.goal_fen
    Fund.raised Fund.raised_fen Fund.pct Fund.gifts Fund.ends_on Charity.Name Charity.FilingNo
?><?cs include:"header.cs" ?>
<section class="poster">
<p class="poster-org"><?cs var:Charity.Name ?> · 童享阳光</p>
<h1><?cs var:Fund.title ?></h1>
<p class="facts">发起人 <?cs var:Fund.display_name ?><?cs if:Fund.spokesperson == 1 ?>（代言人）<?cs /if ?></p>
<img class="poster-qr" src="/p/<?cs var:Fund.code ?>/qr.svg" alt="扫码一起捐" width="240" height="240">
<p>扫码一起捐 · <?cs var:Fund.url ?></p>
<label for="poster-progress">已筹 <?cs var:Fund.raised ?> 元 / 目标 <?cs var:Fund.goal ?> 元 · <?cs
  var:Fund.gifts ?> 人次</label>
<progress id="poster-progress" max="<?cs var:Fund.goal_fen ?>" value="<?cs var:Fund.raised_fen ?>"><?cs
  var:Fund.pct ?>%</progress>
<p class="fine">截止 <?cs var:Fund.ends_on ?> · 募捐方案备案编号 <?cs var:Charity.FilingNo ?></p>
</section>
<p class="noprint"><a href="/p/<?cs var:Fund.code ?>">返回一起捐页面</a></p>
<?cs include:"footer.cs" ?>
