<?cs # admin-batch.cs — GET /admin/batches/{id} (and the result of making it, or of reading the
  bank's result file): the batch's payouts counted and summed by state, what the reader may do
  (submit, approve, the file for the bank, the bank's result file), the report of a result file
  line by line, and the payouts, failed ones first.
  needs: Batch.id Batch.place Batch.period_text Batch.method_label Batch.created_at
    Batch.exported_at Batch.may_submit Batch.may_approve Batch.may_export Batch.may_results
    Batch.shown Sums.*.state Sums.*.label Sums.*.count Sums.*.total Report.lines Report.paid
    Report.failed Report.unchanged Report.refused Results.*.line Results.*.ref
    Results.*.applied Results.*.text Results.*.state_label Payouts.*.id Payouts.*.ref
    Payouts.*.code
    Payouts.*.alias Payouts.*.mask Payouts.*.amount Payouts.*.state Payouts.*.state_label
    Payouts.*.fail_reason Payouts.*.paid_on Made.made Made.skipped Made.listed Skipped.*.code
    Skipped.*.alias Skipped.*.why
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?><?cs with:b = Batch ?>
<p class="crumb"><a href="/admin/batches">善款发放批次</a> › 第 <?cs var:b.id ?> 批</p>
<h1><?cs var:b.place ?> <?cs var:b.period_text ?> <small><?cs var:b.method_label ?> · 第 <?cs
  var:b.id ?> 批</small></h1>
<?cs if:Made.made > 0 ?><p class="ok" role="status">批次已建立：<?cs var:Made.made ?> 个孩子的发放草稿<?cs
  if:Made.skipped > 0 ?>，跳过 <?cs var:Made.skipped ?> 个（原因见下表）<?cs /if ?>。</p><?cs /if ?>
<?cs call:error_summary() ?>
<?cs include:"admin-batch-skipped.cs" ?>
<dl class="fields">
<dt>建立时间</dt><dd><?cs var:b.created_at ?></dd>
<?cs if:b.exported_at ?><dt>最近导出给银行</dt><dd><?cs var:b.exported_at ?></dd><?cs /if ?>
</dl>
<table class="list gifts"><thead><tr><th scope="col">状态</th><th scope="col">人数</th>
<th scope="col">金额（元）</th></tr></thead><tbody>
<?cs each:s = Sums ?><tr><td data-label="状态"><?cs var:s.label ?></td>
<td data-label="人数" class="num"><?cs var:s.count ?></td><?cs #
?><td data-label="金额（元）" class="num"><?cs var:s.total ?></td></tr><?cs /each ?>
</tbody></table>
<?cs if:b.may_submit ?><form method="post" action="/admin/batches/<?cs var:b.id ?>/submit" class="inline">
<?cs call:csrf() ?><button type="submit">提交市州审批</button></form><?cs /if ?>
<?cs if:b.may_approve ?><form method="post" action="/admin/batches/<?cs var:b.id ?>/approve" class="inline">
<?cs call:csrf() ?><button type="submit">审批通过</button></form><?cs /if ?>
<?cs if:b.may_export ?><h2>导出银行代发文件</h2>
<p class="note">文件含监护人姓名和银行账号，属于个人信息：每次导出都记入审计日志。请妥善保管，交给银行后删除。</p>
<form method="post" action="/admin/batches/<?cs var:b.id ?>/export" class="stack">
<?cs call:csrf() ?>
<label>文件编码 <select<?cs call:field("encoding") ?>><option value="utf8">UTF-8（Excel 可直接打开）</option><?cs #
?><option value="gbk">GBK（部分银行系统要求）</option></select><?cs call:field_error("encoding") ?></label>
<button type="submit">导出 CSV</button>
</form><?cs /if ?>
<?cs if:b.may_results ?><h2>导入银行结果文件</h2>
<form method="post" action="/admin/batches/<?cs var:b.id ?>/results" enctype="multipart/form-data"
  class="stack">
<?cs call:csrf() ?>
<p class="note">CSV（UTF-8 或 GBK），每行：发放编号、账号（可脱敏）、金额（元）、结果（成功 / 失败）、<?cs #
?>失败原因、银行流水号、日期。成功的记为已发放，失败的记下原因；有问题的行不会改动任何记录。同一文件再导入一次不会重复登记。</p>
<label>结果文件 <input type="file" name="file" accept=".csv,text/csv" aria-required="true"></label>
<button type="submit">上传并登记</button>
</form><?cs /if ?>
<?cs if:Report.lines ?><section class="<?cs if:Report.paid + Report.failed > 0 ?>ok<?cs
  else ?>note<?cs /if ?>">
<h2>银行结果文件</h2>
<p>共 <?cs var:Report.lines ?> 行：已发放 <b><?cs var:Report.paid ?></b>，失败 <b><?cs
  var:Report.failed ?></b>，与记录相同 <?cs var:Report.unchanged ?>，有问题 <b><?cs
  var:Report.refused ?></b>。<?cs if:Report.paid + Report.failed == 0 ?>没有改动任何记录。<?cs /if ?></p>
<table class="list gifts"><thead><tr><th scope="col">行</th><th scope="col">发放编号</th>
<th scope="col">结果</th></tr></thead><tbody>
<?cs each:r = Results ?><tr><td data-label="行" class="num"><?cs var:r.line ?></td>
<td data-label="发放编号"><?cs var:r.ref ?></td><?cs #
?><td data-label="结果"><?cs if:!r.applied ?><b><?cs /if ?><?cs var:r.text ?><?cs
  if:r.state_label ?>（<?cs
  var:r.state_label ?>）<?cs /if ?><?cs if:!r.applied ?></b><?cs /if ?></td></tr><?cs /each ?>
</tbody></table>
</section><?cs /if ?>
<h2>发放记录</h2>
<?cs if:subcount(Payouts) == 0 ?><p class="note">这个批次没有发放记录。</p><?cs else ?>
<?cs if:subcount(Payouts) >= b.shown ?><p class="note">只列出前 <?cs var:b.shown ?> 条（失败的在最前）。</p><?cs /if ?>
<table class="list by-child gifts"><thead><tr><th scope="col">发放编号</th><th scope="col">孩子</th>
<th scope="col">账户</th><th scope="col">金额（元）</th><?cs #
?><th scope="col">状态</th><th scope="col">发放日期</th></tr></thead><tbody>
<?cs each:p = Payouts ?><tr><td data-label="发放编号"><a href="/admin/payouts/<?cs var:p.id ?>"><?cs
  var:p.ref ?></a></td><td data-label="孩子" class="title"><?cs var:p.alias ?><br><small><?cs
  var:p.code ?></small></td><td data-label="账户"><?cs var:p.mask ?></td>
<td data-label="金额（元）" class="num"><?cs var:p.amount ?></td><?cs #
?><td data-label="状态"><?cs if:p.state == "failed" ?><b><?cs var:p.state_label ?></b>：<?cs
  var:p.fail_reason ?><?cs
  else ?><?cs var:p.state_label ?><?cs /if ?></td>
<td data-label="发放日期"><?cs var:p.paid_on ?></td></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs /with ?><?cs include:"footer.cs" ?>
