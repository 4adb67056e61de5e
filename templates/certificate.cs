<?cs # certificate.cs — GET /certificates/{no}: a printable donation certificate (捐赠证书): the
  donor thanked for the gift, with a QR code that opens the receipt's public verification page.
  needs: Receipt.no Receipt.code Receipt.donor Receipt.amount Receipt.purpose_label
    Receipt.page_title Receipt.paid_on Charity.Name
?><?cs include:"header.cs" ?><?cs with:r = Receipt ?>
<article class="paper certificate">
<h1>捐赠证书</h1>
<p class="to"><b><?cs var:r.donor ?></b>：</p>
<p class="thanks">感谢您于 <?cs var:r.paid_on ?> 向“童享阳光”困境儿童助养项目捐赠人民币 <b><?cs
  var:r.amount ?></b> 元，用于<?cs var:r.purpose_label ?><?cs if:r.page_title ?>（一起捐：<?cs
  var:r.page_title ?>）<?cs /if ?>。您的爱心将帮助困境儿童健康成长，特发此证，以表谢忱！</p>
<p class="sign"><?cs var:Charity.Name ?><br><?cs var:r.paid_on ?></p>
<figure class="qr"><img src="/certificates/<?cs var:r.no ?>/qr.svg?code=<?cs var:r.code ?>" alt="扫码查验捐赠票据" width="120" height="120">
<figcaption>扫码查验捐赠票据 <?cs var:r.no ?></figcaption></figure>
<p class="noprint"><a href="/receipts/<?cs var:r.no ?>?code=<?cs var:r.code ?>">查看捐赠票据</a> · 用浏览器的“打印”可以打印或存为 PDF。</p>
</article>
<?cs /with ?><?cs include:"footer.cs" ?>
