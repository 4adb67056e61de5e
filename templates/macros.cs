<?cs # macros.cs — shared fragments: a child's card as the public lists show it, the CSRF field
  every POST form carries, a text with the privacy check's findings marked (admin_marked), and the
  summary atop a form that refused input draws again (cgi/worker.c form_again; its fields' macros
  are fields.cs's), and why a cashier's order can no longer be paid (order_gone). A macro's parameters are declared by its callers (Children.*.alias ...).
  needs: Csrf Invalid.Errors.*.field Invalid.Errors.*.msg Order.state
?><?cs
def:child_card(ch) ?><li class="card">
<a href="/children/<?cs var:ch.code ?>">
<strong class="alias"><?cs var:ch.alias ?></strong>
<span class="facts"><?cs var:ch.gender_label ?> · <?cs var:ch.age ?>岁 · <?cs var:ch.place ?></span>
<span class="cat"><?cs var:ch.category_label ?></span>
<span class="wait">已等待 <?cs var:ch.days_waiting ?> 天</span><?cs
  if:ch.sponsored_before == 1 ?>
<span class="before">曾获资助</span><?cs /if ?>
</a>
</li><?cs /def ?>
<?cs def:csrf() ?><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs /def ?><?cs
def:marked(parts) ?><?cs each:p = parts ?><?cs if:p.hit ?><mark class="pv" title="<?cs
var:p.label ?>"><?cs var:p.text ?><span class="pv-kind">（<?cs var:p.label ?>）</span></mark><?cs
else ?><?cs var:p.text ?><?cs /if ?><?cs /each ?><?cs /def ?><?cs #
  A refused form's summary atop it: each error a link to its field.
?><?cs def:error_summary() ?><?cs if:subcount(Invalid.Errors) > 0 ?>
<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">提交的内容有误，请修改后重新提交</h2>
<ul><?cs each:e = Invalid.Errors ?><li><?cs if:e.field ?><a href="#f-<?cs var:e.field ?>"><?cs
  var:e.msg ?></a><?cs else ?><?cs var:e.msg ?><?cs /if ?></li><?cs /each ?></ul>
</div><?cs /if ?><?cs /def ?><?cs #
  A cashier's order that can no longer be paid: closed with its sponsorship, or cancelled or lapsed.
?><?cs def:order_gone() ?><?cs if:Order.state == "closed" ?>
<p class="problem">这笔订单已经关闭（它所支付的结对已经结束），不能再支付，也没有扣款。</p>
<?cs else ?>
<p class="problem">这笔订单已经取消或过期，不能再支付。</p>
<?cs /if ?><?cs /def ?>
