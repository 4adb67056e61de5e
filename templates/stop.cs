<?cs # stop.cs — GET /me/sponsorships/{id}/stop: the donor stops renewing a sponsorship, with a
  reason and a tick.
  needs: Spons.0.alias Spons.0.code Spons.0.state Form.action
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>停止续捐</h1>
<p class="facts">结对的孩子：<a href="/children/<?cs var:Spons.0.code ?>"><?cs var:Spons.0.alias ?></a>（编号 <?cs
  var:Spons.0.code ?>）</p>
<p class="note">停止续捐后，我们不再为这项结对生成新的付款计划，也不再提醒您付款；尚未支付的订单会关闭。
您已经捐出的助养款仍会按期发放给孩子，区县慈善会会安排孩子此后的资助。</p>
<form method="post" action="<?cs var:Form.action ?>" class="stack"><?cs call:csrf() ?>
<label for="reason">停止的原因（必填，最多 200 字，只有慈善会工作人员能看到）</label>
<textarea id="reason" name="reason" rows="4" maxlength="200" required></textarea>
<label><input type="checkbox" name="agree" value="1" aria-required="true"> 我确认停止对这个孩子的续捐</label>
<button type="submit">停止续捐</button>
</form>
<p><a href="/me">返回我的账户</a></p>
<?cs include:"footer.cs" ?>
