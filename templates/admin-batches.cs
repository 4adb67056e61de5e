<?cs # admin-batches.cs — GET /admin/batches: the payout batches in reach, newest first, each with
  its payouts counted by state; for county staff the form that pays everyone paired in the county
  for a period; above the county a county filter. After a POST that could pay nobody: the children
  skipped, and why.
  needs: Batches.*.id Batches.*.place Batches.*.period_text Batches.*.method_label
    Batches.*.created_at Batches.*.payouts Batches.*.open Batches.*.submitted Batches.*.approved
    Batches.*.paid Batches.*.failed Batches.*.total Methods.*.code Methods.*.label Payer
    Counties Made.none Made.skipped Made.listed Skipped.*.code
    Skipped.*.alias Skipped.*.why
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?>
<h1>善款发放批次</h1>
<?cs call:error_summary() ?>
<p><a href="/admin/payouts">全部发放记录（逐条办理、失败的重新发放）</a></p>
<?cs if:Made.none ?><p class="problem" role="alert">没有建立批次：<?cs if:Made.skipped > 0 ?><?cs
  var:Made.skipped ?> 个已结对的孩子都不能发放（原因见下表）<?cs else ?>本区县没有已结对的孩子<?cs
  /if ?>，没有写入任何内容。</p><?cs /if ?>
<?cs include:"admin-batch-skipped.cs" ?>
<?cs if:Payer ?><h2>新建批次</h2>
<p class="note">为本区县所有已结对的孩子各建一条发放草稿，金额为孩子的年度资助标准按期间折算（上半年为一半）。<?cs #
?>善款不足、没有银行账户或这个期间已有发放记录的孩子会跳过，并列出原因。</p>
<form method="post" action="/admin/batches" class="stack">
<?cs call:csrf() ?>
<label>发放期间 <input type="text"<?cs call:field("period") ?> required maxlength="7" placeholder="2027H1"
  pattern="20[0-9]{2}(H[12]|-[0-9]{2})?"<?cs call:typed("period") ?>><?cs call:field_error("period") ?></label>
<p class="note">填写年份（2027）、半年（2027H1 为上半年，2027H2 为下半年）或月份（2027-03）。</p>
<label>发放方式 <select<?cs call:field("method") ?>><?cs each:m = Methods ?><option value="<?cs
  var:m.code ?>"<?cs if:Invalid.Typed.method == m.code ?> selected<?cs /if ?>><?cs
  var:m.label ?></option><?cs /each ?></select><?cs call:field_error("method") ?></label>
<button type="submit">建立批次</button>
</form>
<?cs else ?><form class="filters" method="get" action="/admin/batches">
<label>区县 <select name="county"><option value="">全部</option><?cs
  uvar:Counties ?></select></label>
<button type="submit">筛选</button>
</form><?cs /if ?>
<?cs if:subcount(Batches) == 0 ?><p class="note">还没有发放批次。</p><?cs else ?>
<table class="list gifts"><thead><tr><th scope="col">批次</th><th scope="col">区县</th>
<th scope="col">期间</th><th scope="col">方式</th><?cs #
?><th scope="col">人数</th><th scope="col">待提交</th><th scope="col">待审批</th><th scope="col">待发放</th><th scope="col">已发放</th><th scope="col">失败</th><?cs #
?><th scope="col">金额（元）</th><th scope="col">建立时间</th></tr></thead><tbody>
<?cs each:b = Batches ?><tr><td data-label="批次"><a href="/admin/batches/<?cs var:b.id ?>">第 <?cs
  var:b.id ?> 批</a></td><td data-label="区县"><?cs var:b.place ?></td>
<td data-label="期间"><?cs var:b.period_text ?></td><?cs #
?><td data-label="方式"><?cs var:b.method_label ?></td>
<td data-label="人数" class="num"><?cs var:b.payouts ?></td><?cs #
?><td data-label="待提交" class="num"><?cs var:b.open ?></td>
<td data-label="待审批" class="num"><?cs var:b.submitted ?></td><?cs #
?><td data-label="待发放" class="num"><?cs var:b.approved ?></td>
<td data-label="已发放" class="num"><?cs var:b.paid ?></td><?cs #
?><td data-label="失败" class="num"><?cs var:b.failed ?></td>
<td data-label="金额（元）" class="num"><?cs var:b.total ?></td><?cs #
?><td data-label="建立时间"><?cs var:b.created_at ?></td></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs include:"footer.cs" ?>
