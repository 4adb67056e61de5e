<?cs # admin-payouts.cs — GET /admin/payouts: the payouts in reach, the reader's work first (the
  county's: returned, approved to pay, failed, drafts; the approvers': awaiting approval).
  needs: Maker States.*.code States.*.label Counties CountyChoices Filter.state
    Filter.county Filter.period Payouts.*.id Payouts.*.alias Payouts.*.code Payouts.*.place
    Payouts.*.period_text Payouts.*.amount Payouts.*.advanced Payouts.*.advanced_fen
    Payouts.*.method_label Payouts.*.state_label Payouts.*.batch Payouts.*.paid_on Prev Next
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>善款发放</h1>
<p><a href="/admin/batches">按批次发放（为全区县建立、审批，银行代发文件）</a></p>
<p class="note">只有“已发放”的记录计入已发放善款。区县建立并提交发放记录，市州慈善会审批（省慈善总会可代为审批），区县发放后登记发放日期并上传凭证。</p>
<?cs if:Maker ?><form method="get" action="/admin/payouts/new" class="inline">
<label>孩子编号 <input type="text" name="child" required maxlength="10" autocapitalize="characters"></label>
<button type="submit">新建发放</button>
</form><?cs /if ?>
<form method="get" action="/admin/payouts" class="inline">
<label>状态 <select name="payout_state"><option value=""<?cs if:!Filter.state ?> selected<?cs
  /if ?>>全部</option><?cs each:s = States ?><option value="<?cs var:s.code ?>"<?cs
  if:Filter.state == s.code ?> selected<?cs /if ?>><?cs var:s.label ?></option><?cs /each ?></select></label>
<?cs if:CountyChoices > 1 ?><label>区县 <select name="county"><option value="">全部</option><?cs
  uvar:Counties ?></select></label><?cs /if ?>
<label>期间 <input type="text" name="period" maxlength="7" value="<?cs var:Filter.period ?>" placeholder="2027H1"></label>
<button type="submit">查看</button>
</form>
<?cs if:subcount(Payouts) == 0 ?><p class="note">没有符合条件的发放记录。</p><?cs else ?>
<table class="list by-child gifts"><thead><tr><th scope="col">孩子</th><th scope="col">区县</th>
<th scope="col">期间</th><th scope="col">金额（元）</th><?cs #
?><th scope="col">其中垫付</th><th scope="col">方式</th><th scope="col">状态</th><th scope="col">批次</th></tr></thead><tbody>
<?cs each:p = Payouts ?><tr>
<td data-label="孩子" class="title"><a href="/admin/payouts/<?cs var:p.id ?>"><?cs
  var:p.alias ?></a><br><small><?cs
  var:p.code ?></small></td><td data-label="区县"><?cs var:p.place ?></td>
<td data-label="期间"><?cs var:p.period_text ?></td>
<td data-label="金额（元）"><?cs var:p.amount ?></td>
<td data-label="其中垫付"><?cs if:p.advanced_fen > 0 ?><?cs var:p.advanced ?><?cs /if ?></td>
<td data-label="方式"><?cs var:p.method_label ?></td>
<td data-label="状态"><?cs var:p.state_label ?><?cs if:p.paid_on ?><br><small><?cs
  var:p.paid_on ?></small><?cs /if ?></td>
<td data-label="批次"><?cs if:p.batch ?><a href="/admin/batches/<?cs var:p.batch ?>">第 <?cs
  var:p.batch ?> 批</a><?cs /if ?></td>
</tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<nav class="pager" aria-label="分页">
<?cs if:Prev ?><a href="/admin/payouts?page=<?cs var:Prev ?>&amp;payout_state=<?cs
  var:Filter.state ?>&amp;county=<?cs var:Filter.county ?>&amp;period=<?cs
  var:Filter.period ?>" rel="prev">上一页</a><?cs /if ?>
<?cs if:Next ?><a href="/admin/payouts?page=<?cs var:Next ?>&amp;payout_state=<?cs
  var:Filter.state ?>&amp;county=<?cs var:Filter.county ?>&amp;period=<?cs
  var:Filter.period ?>" rel="next">下一页</a><?cs /if ?>
</nav>
<?cs include:"footer.cs" ?>
