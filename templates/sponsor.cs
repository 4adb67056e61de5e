<?cs # sponsor.cs — GET /sponsor/{code}: offer to hold the child, or (for the donor holding it)
  choose a plan and pay.
  needs: Children.0.code Children.0.alias Children.0.gender_label Children.0.age Children.0.place
    Children.0.category_label Mode Hold.lapsed Plan.hold_minutes Hold.until Hold.minutes_left
    Hold.order Plan.annual Plan.monthly Plan.cooldown_hours Plan.chosen Plan.anonymous Plan.agreed
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?><?cs with:ch = Children.0 ?>
<article class="profile">
<p class="crumb"><a href="/children/<?cs var:ch.code ?>">返回 <?cs var:ch.alias ?> 的介绍</a></p>
<h1>一对一助养 <?cs var:ch.alias ?></h1>
<p><?cs var:ch.gender_label ?> · <?cs var:ch.age ?>岁 · <?cs var:ch.place ?> · <?cs
  var:ch.category_label ?></p>
<?cs call:error_summary() ?>
<?cs if:Mode == "offer" ?>
<?cs if:Hold.lapsed ?><p class="problem" role="alert">您之前的保留已经过期。如果孩子仍在等待，可以重新保留。</p><?cs /if ?>
<p>确定要助养这个孩子吗？我们会为您保留 <?cs var:Plan.hold_minutes ?> 分钟，期间其他人不能选择。您可以在保留期内选择助养方式并完成支付。</p>
<form method="post" action="/children/<?cs var:ch.code ?>/hold"><?cs
  call:csrf() ?><button type="submit">为我保留这个孩子</button></form>
<?cs else ?>
<p class="ok" role="status">已为您保留到 <?cs var:Hold.until ?>（还剩约 <?cs
  var:Hold.minutes_left ?> 分钟）。保留到期未支付，孩子会回到等待名单。</p>
<?cs if:Hold.order ?><p class="note">您已经提交过订单，再次提交会继续支付同一笔订单，不会重复扣款。</p><?cs /if ?>
<form method="post" action="/sponsor/<?cs var:ch.code ?>" class="stack">
<?cs call:csrf() ?>
<fieldset<?cs call:group("plan") ?>><legend>助养方式</legend><?cs call:field_error("plan") ?>
<label class="tick"><?cs #
?><input type="radio" name="plan" value="annual" required<?cs
  if:Plan.chosen != "monthly" ?> checked<?cs /if ?>> <b>按年支付</b>：每年 <?cs
  var:Plan.annual ?> 元，一次付清</label>
<label class="tick"><input type="radio" name="plan" value="monthly"<?cs
  if:Plan.chosen == "monthly" ?> checked<?cs /if ?>> <b>按月支付</b>：每月 <?cs
  var:Plan.monthly ?> 元，共 12 期</label>
</fieldset>
<label>票据上的姓名（选填，默认用您的昵称） <input type="text"<?cs call:field("receipt_name") ?> maxlength="32"><?cs
  call:field_error("receipt_name") ?></label>
<label class="tick"><?cs #
?><input type="checkbox"<?cs call:field("anonymous") ?> value="1"<?cs
  if:Plan.anonymous == 1 ?> checked<?cs /if ?>> 在公开的捐赠名单中匿名（显示为“爱心人士”）</label>
<label class="tick"><?cs #
?><input type="checkbox"<?cs call:field("agree") ?> value="1" aria-required="true"<?cs
  if:Plan.agreed == 1 ?> checked<?cs /if ?>> 我已阅读并同意《一对一助养协议》：善款由县级慈善会审核结对后按年度发放，<?cs #
?>我不会私下联系孩子和家庭。<?cs call:field_error("agree") ?></label>
<?cs call:pay_choice() ?>
<button type="submit">确认并去支付</button>
</form>
<form method="post" action="/sponsor/<?cs var:ch.code ?>/release" class="inline"><?cs
  call:csrf() ?><button type="submit" class="link">放弃保留</button></form>
<p class="note">不想助养了？放弃保留后，孩子会立刻回到等待名单<?cs if:Hold.order ?>，未支付的订单也会关闭<?cs /if ?>。<?cs
  if:Plan.cooldown_hours > 0 ?><?cs var:Plan.cooldown_hours ?> 小时内您不能再次保留这个孩子。<?cs /if ?></p>
<?cs /if ?>
<h2>结对流程</h2>
<ol>
<li>选定孩子，系统为您保留 <?cs var:Plan.hold_minutes ?> 分钟；</li>
<li>选择助养方式并完成支付，获得电子捐赠票据；</li>
<li>县级慈善会审核结对，善款按年度发放到孩子家庭；</li>
<li>志愿者定期探访，您可以在“我的账户”中看到反馈。</li>
</ol>
</article>
<?cs /with ?><?cs include:"footer.cs" ?>
