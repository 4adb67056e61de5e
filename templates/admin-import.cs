<?cs # admin-import.cs — GET/POST /admin/import and POST /admin/import/{upload}: upload the ledger;
  the report of its check, with the button that imports it; the report of the import.
  needs: Report.rows Report.applied Report.withheld Report.outside Report.updated Report.unchanged
    Report.rejected Report.added Report.elsewhere Report.upload Report.Elsewhere.*.line
    Report.Rejects.*.line Report.Rejects.*.why Columns.*
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>导入困境儿童台账</h1>
<?cs if:Report.rows ?>
<section class="<?cs if:Report.applied == 1 ?>ok<?cs else ?>note<?cs /if ?>">
<?cs if:Report.withheld == 1 ?>
<p>检查结果（尚未导入）：共 <?cs var:Report.rows ?> 行，不在您档案中的 <b><?cs var:Report.outside ?></b> 行，更新 <b><?cs
  var:Report.updated ?></b>，不变 <?cs var:Report.unchanged ?>，有问题 <b><?cs
  var:Report.rejected ?></b>。</p>
<p>不在您档案中的行，可能是新登记的孩子，也可能是已在其他区县登记的孩子。您今天核对其他区县登记情况的次数已用完，这次不逐行说明：导入时新登记的孩子会添加，<?cs #
?>已在其他区县登记的不会重复登记，转交省慈善总会审核。</p>
<?cs else ?>
<p><?cs if:Report.applied == 1 ?>已导入<?cs else ?>检查结果（尚未导入）<?cs /if ?>：共 <?cs
  var:Report.rows ?> 行，新增 <b><?cs var:Report.added ?></b>，更新 <b><?cs
  var:Report.updated ?></b>，不变 <?cs var:Report.unchanged ?>，有问题 <b><?cs
  var:Report.rejected ?></b><?cs if:Report.elsewhere > 0 ?>，已在其他区县登记 <b><?cs
  var:Report.elsewhere ?></b><?cs /if ?>。</p>
<?cs if:Report.applied == 1 && Report.elsewhere > 0 ?><p>已在其他区县登记的孩子没有导入，已转交省慈善总会审核、转移档案。</p><?cs
  /if ?>
<?cs /if ?>
<?cs if:Report.upload ?>
<form method="post" action="/admin/import/<?cs var:Report.upload ?>" class="stack cols">
<?cs call:csrf() ?>
<p>确认无误后导入<?cs if:Report.withheld != 1 ?>：新增 <?cs var:Report.added ?> 个孩子的档案，更新 <?cs
  var:Report.updated ?> 个<?cs /if ?><?cs if:Report.rejected > 0 ?>，有问题的 <?cs
  var:Report.rejected ?> 行不会导入<?cs /if ?>。导入会记入审计日志。这份文件在服务器上加密保存，一小时内有效。</p>
<button type="submit">确认导入</button>
</form>
<?cs elif:Report.applied != 1 ?><p>没有需要写入的内容。</p><?cs /if ?>
</section>
<?cs if:subcount(Report.Elsewhere) > 0 ?>
<h2>已在其他区县登记的孩子（不会导入）</h2>
<p class="note">这些行的身份证号已登记在您管理范围以外的区县。请联系省慈善总会转移档案，不要重复登记。</p>
<table class="list gifts"><thead><tr><th scope="col">行</th></tr></thead><tbody>
<?cs each:r = Report.Elsewhere ?><tr><td data-label="行" class="num"><?cs
  var:r.line ?></td></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs if:subcount(Report.Rejects) > 0 ?>
<h2>有问题的行（不会导入）</h2>
<table class="list gifts"><thead><tr><th scope="col">行</th>
<th scope="col">问题</th></tr></thead><tbody>
<?cs each:r = Report.Rejects ?><tr><td data-label="行" class="num"><?cs var:r.line ?></td>
<td data-label="问题"><?cs
  var:r.why ?></td></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs /if ?>
<form method="post" action="/admin/import" enctype="multipart/form-data" class="stack cols">
<?cs call:csrf() ?>
<p class="note">上传后先检查，不写入任何内容；看过检查结果再确认导入。</p>
<label>台账文件（CSV，UTF-8 或 GBK，<?cs #
?>最大 20 MB） <input type="file" name="file" accept=".csv,text/csv" aria-required="true"></label>
<button type="submit">上传并检查</button>
</form>
<p class="note">表头须包含这些列（顺序不限）：<?cs each:k = Columns ?><?cs var:k ?> <?cs
  /each ?>。按身份证号匹配已有的孩子：再次导入更新后的台账会更新档案，而不是重复登记。</p>
<?cs include:"footer.cs" ?>
