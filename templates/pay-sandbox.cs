<?cs # pay-sandbox.cs — GET /pay/sandbox/{order}: the sandbox provider's pay page, standing in for
  WeChat Pay or Alipay.
  needs: Provider.label Order.amount Order.no Order.purpose Order.seq Order.live Order.expires_at
    Order.state
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<section class="form-page cashier">
<p class="demo-pay"><?cs var:Provider.label ?>：这是演示用的支付页面，不会真的扣款。</p>
<h1>支付 <?cs var:Order.amount ?> 元</h1>
<p>订单号 <?cs var:Order.no ?> · <?cs if:Order.purpose == "sponsorship" ?>一对一助养<?cs
  if:Order.seq > 1 ?> 第 <?cs var:Order.seq ?> 期<?cs /if ?><?cs else ?>慈善捐赠<?cs /if ?></p>
<?cs if:Order.live == 1 ?>
<p class="note">请在 <?cs var:Order.expires_at ?> 之前完成支付。</p>
<form method="post" action="/pay/sandbox/<?cs var:Order.no ?>/pay" class="inline"><?cs
  call:csrf() ?><button type="submit">确认支付</button></form>
<form method="post" action="/pay/sandbox/<?cs var:Order.no ?>/cancel" class="inline"><?cs
  call:csrf() ?><button type="submit" class="link">取消</button></form>
<?cs elif:Order.state == "paid" ?>
<p class="ok">这笔订单已经支付。<a href="/pay/return/<?cs var:Order.no ?>">查看结果</a></p>
<?cs else ?><?cs call:order_gone() ?>
<?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
