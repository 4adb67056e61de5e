<?cs # admin-payout.cs — GET /admin/payouts/{id}: one payout, its evidence, and the moves its reader
  may make (submit, approve, return, record paid, cancel, send again, add evidence).
  needs: Payout.id Payout.ref Payout.code Payout.alias Payout.period_text Payout.amount
    Payout.advanced Payout.method_label Payout.goods Payout.state Payout.state_label Payout.batch
    Payout.paid_on Payout.bank_ref Payout.fail_reason Payout.review_note Payout.created_by
    Payout.created_at Payout.approved_by Payout.approved_at Payout.paid_by Payout.paid_at
    Payout.may_submit Payout.may_approve Payout.may_return Payout.may_paid Payout.may_cancel
    Payout.may_retry Payout.may_file Files.*.name Files.*.slot Files.*.mime Files.*.created_at
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?><?cs with:p = Payout ?>
<p class="crumb"><a href="/admin/payouts">善款发放</a> › <?cs var:p.ref ?></p>
<h1><?cs var:p.alias ?> <small><?cs var:p.code ?> · <?cs var:p.period_text ?> · <?cs var:p.state_label ?></small></h1>
<?cs call:error_summary() ?>
<?cs if:p.state == "returned" ?><p class="problem" role="alert">退回修改：<?cs var:p.review_note ?></p><?cs /if ?>
<?cs if:p.state == "failed" ?><p class="problem" role="alert">银行发放失败：<?cs var:p.fail_reason ?></p><?cs /if ?>
<dl class="fields">
<dt>编号</dt><dd><?cs var:p.ref ?><?cs if:p.batch ?> · 批次 <?cs var:p.batch ?><?cs /if ?></dd>
<dt>金额</dt><dd><?cs var:p.amount ?> 元<?cs if:p.advanced ?>（其中区县垫付 <?cs var:p.advanced ?> 元）<?cs /if ?></dd>
<dt>方式</dt><dd><?cs var:p.method_label ?><?cs if:p.goods ?>：<?cs var:p.goods ?><?cs /if ?></dd>
<dt>建立</dt><dd><?cs var:p.created_by ?>，<?cs var:p.created_at ?></dd>
<?cs if:p.approved_by ?><dt>审批</dt><dd><?cs var:p.approved_by ?>，<?cs var:p.approved_at ?></dd><?cs /if ?>
<?cs if:p.paid_on ?><dt>发放日期</dt><dd><?cs var:p.paid_on ?><?cs if:p.bank_ref ?> · 银行流水号 <?cs var:p.bank_ref ?><?cs /if ?>（<?cs var:p.paid_by ?> 登记于 <?cs var:p.paid_at ?>）</dd><?cs /if ?>
</dl>
<h2>凭证</h2>
<?cs if:subcount(Files) == 0 ?><p class="note">还没有凭证。</p><?cs else ?><ul><?cs each:f = Files ?>
<li><a href="/admin/payouts/files/<?cs var:f.name ?>">凭证 <?cs var:f.slot ?>（<?cs if:f.mime == "application/pdf" ?>PDF<?cs else ?>图片<?cs /if ?>）</a> <small><?cs var:f.created_at ?></small></li><?cs /each ?></ul><?cs /if ?>
<?cs if:p.may_file ?><form method="post" action="/admin/payouts/<?cs var:p.id ?>/files" enctype="multipart/form-data" class="stack"><?cs
  call:csrf() ?><label>上传凭证（签收单的照片或扫描件：JPEG、PNG，或银行回单 PDF；最大 5 MB，最多 4 份） <input type="file" name="photo" accept="image/jpeg,image/png,application/pdf" aria-required="true"></label>
<button type="submit">上传</button></form><?cs /if ?>
<?cs if:p.may_submit ?><form method="post" action="/admin/payouts/<?cs var:p.id ?>/submit" class="inline"><?cs
  call:csrf() ?><button type="submit">提交审批</button></form><?cs /if ?>
<?cs if:p.may_approve ?><h2>审批</h2>
<form method="post" action="/admin/payouts/<?cs var:p.id ?>/approve" class="inline"><?cs
  call:csrf() ?><button type="submit">审批通过</button></form>
<form method="post" action="/admin/payouts/<?cs var:p.id ?>/return" class="stack"><?cs call:csrf() ?>
<label>退回意见（必填） <input type="text"<?cs call:field("review_note") ?> required maxlength="200"<?cs
  call:typed("review_note") ?>><?cs call:field_error("review_note") ?></label>
<button type="submit" class="link">退回修改</button>
</form><?cs /if ?>
<?cs if:p.may_paid ?><h2>登记发放</h2>
<form method="post" action="/admin/payouts/<?cs var:p.id ?>/paid" class="stack"><?cs call:csrf() ?>
<label>发放日期（家庭收到的日期，不能晚于今天） <input type="text"<?cs call:field("date") ?> required<?cs #
  ?> maxlength="10" placeholder="YYYY-MM-DD"<?cs call:typed("date") ?>><?cs call:field_error("date") ?></label>
<label>银行流水号（银行代发时填写） <input type="text"<?cs call:field("bank_ref") ?> maxlength="64"<?cs
  call:typed("bank_ref") ?>><?cs call:field_error("bank_ref") ?></label>
<button type="submit">登记为已发放</button>
</form><?cs /if ?>
<?cs if:p.may_retry ?><form method="post" action="/admin/payouts/<?cs var:p.id ?>/retry" class="inline"><?cs
  call:csrf() ?><button type="submit">核对账户后重新发放</button></form><?cs /if ?>
<?cs if:p.may_cancel ?><form method="post" action="/admin/payouts/<?cs var:p.id ?>/cancel" class="inline"><?cs
  call:csrf() ?><button type="submit" class="link">作废这条记录</button></form><?cs /if ?>
<?cs /with ?><?cs include:"footer.cs" ?>
