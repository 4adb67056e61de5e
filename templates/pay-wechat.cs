<?cs # pay-wechat.cs — GET /pay/wechat/{order}: WeChat Pay's Native QR code, on a page of ours.
  needs: Provider.label Order.amount Order.no Order.purpose Order.seq Order.live Order.expires_at
    Order.state
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<section class="form-page cashier">
<h1><?cs var:Provider.label ?> <?cs var:Order.amount ?> 元</h1>
<p>订单号 <?cs var:Order.no ?> · <?cs if:Order.purpose == "sponsorship" ?>一对一助养<?cs
  if:Order.seq > 1 ?> 第 <?cs var:Order.seq ?> 期<?cs /if ?><?cs else ?>慈善捐赠<?cs /if ?></p>
<?cs if:Order.live == 1 ?>
<ol>
<li>打开手机上的微信，点右上角的“＋”，选“扫一扫”。</li>
<li>扫下面的二维码，核对金额是 <?cs var:Order.amount ?> 元，再确认支付。</li>
<li>付完后点“我已支付”，查看结果。</li>
</ol>
<p><img src="/pay/wechat/<?cs var:Order.no ?>/qr.svg" width="264" height="264"
  alt="微信支付二维码，金额 <?cs var:Order.amount ?> 元"></p>
<p class="note">请在 <?cs var:Order.expires_at ?> 之前完成支付。</p>
<p><a href="/pay/return/<?cs var:Order.no ?>">我已支付</a></p>
<?cs else ?><?cs call:order_gone() ?>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
