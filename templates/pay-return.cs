<?cs # pay-return.cs — GET /pay/return/{order}: the order as we recorded it, never as the browser
  says.
  needs: Order.state Order.amount Order.purpose Order.refund_due Order.refund_reason Order.seq
    Order.receipt_no Order.receipt_code Order.live Order.child
?><?cs include:"header.cs" ?>
<section class="form-page">
<?cs if:Order.state == "paid" ?>
<h1>支付成功，谢谢您！</h1>
<p class="ok">我们已经收到您的 <?cs var:Order.amount ?> 元<?cs if:Order.purpose == "sponsorship" ?>助养款<?cs
  else ?>捐赠<?cs /if ?>。</p>
<?cs if:Order.refund_due == 1 ?><p class="problem">这笔款项到账时<?cs if:Order.refund_reason ?>，<?cs
  var:Order.refund_reason ?><?cs else ?>，这个孩子已经由其他爱心人士结对，或者这一期已经付过了<?cs
  /if ?>。款项已经记录，不计入捐赠，工作人员会把它原路退回给您。</p>
<?cs elif:Order.purpose == "sponsorship" && Order.seq == 1 ?><p>县级慈善会将在几个工作日内审核结对，<?cs #
?>结果会显示在“我的账户”中。</p><?cs /if ?>
<p><a class="btn" href="/receipts/<?cs var:Order.receipt_no ?>?code=<?cs
  var:Order.receipt_code ?>">查看捐赠票据 <?cs var:Order.receipt_no ?></a> <a href="/certificates/<?cs
  var:Order.receipt_no ?>?code=<?cs var:Order.receipt_code ?>">捐赠证书</a> <a href="/me">我的账户</a></p>
<?cs elif:Order.state == "created" && Order.live == 1 ?>
<h1>正在确认支付结果</h1>
<p>我们还没有收到支付机构的到账通知。如果您已经付款，请稍候刷新本页。</p>
<?cs elif:Order.state == "cancelled" ?>
<h1>订单已取消</h1>
<p>没有扣款。<?cs if:Order.child ?><a href="/sponsor/<?cs var:Order.child ?>">回到助养页面</a><?cs
  else ?><a href="/donate">重新捐赠</a><?cs /if ?></p>
<?cs elif:Order.state == "closed" ?>
<h1>订单已关闭</h1>
<p>这笔订单所支付的结对已经结束，订单已经关闭，没有扣款。<a href="/me">我的账户</a></p>
<?cs else ?>
<h1>订单已过期</h1>
<p>订单在支付期限内没有完成支付，没有扣款。<a href="/children">看看等待结对的孩子</a></p>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
