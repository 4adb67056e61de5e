<?cs # admin-offline-import.cs — GET/POST /admin/offline/import and POST …/{upload}: a batch of
  offline gifts uploaded and checked, nothing written; the button that writes it; what was written.
  needs: Columns.* Limits.rows Report.rows Report.good Report.problems Report.applied Report.total
    Report.upload Report.Rows.*.line Report.Rows.*.column Report.Rows.*.why
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>批量登记线下捐赠</h1>
<?cs if:Report.rows ?>
<section class="<?cs if:Report.applied == 1 ?>ok<?cs else ?>note<?cs /if ?>">
<p><?cs if:Report.applied == 1 ?>已登记<?cs else ?>检查结果（尚未登记）<?cs /if ?>：共 <?cs
  var:Report.rows ?> 行，可以登记 <b><?cs var:Report.good ?></b> 笔，合计 <b><?cs
  var:Report.total ?></b> 元，有问题 <b><?cs var:Report.problems ?></b> 处。</p>
<?cs if:Report.upload ?>
<form method="post" action="/admin/offline/import/<?cs var:Report.upload ?>" class="stack">
<?cs call:csrf() ?>
<p>确认无误后登记：<?cs var:Report.good ?> 笔捐赠一次全部写入，每笔开具票据。这份文件在服务器上加密保存，一小时内有效。</p>
<button type="submit">确认登记</button>
</form>
<?cs elif:Report.applied != 1 ?><p>文件里有问题的行，没有写入任何内容。请修改后重新上传。</p><?cs /if ?>
</section>
<?cs if:subcount(Report.Rows) > 0 ?>
<h2>有问题的行</h2>
<table class="list gifts"><thead><tr><th scope="col">行</th><th scope="col">列</th>
<th scope="col">问题</th></tr></thead><tbody>
<?cs each:r = Report.Rows ?><tr><td data-label="行" class="num"><?cs var:r.line ?></td>
<td data-label="列"><?cs var:r.column ?></td><td data-label="问题"><?cs
  var:r.why ?></td></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs /if ?>
<form method="post" action="/admin/offline/import" enctype="multipart/form-data" class="stack">
<?cs call:csrf() ?>
<p class="note">上传后先检查，不写入任何内容；看过检查结果再确认登记。同一渠道、同一流水号的捐赠只能登记一次。</p>
<label>捐赠明细（CSV，UTF-8 或 GBK，最大 2 MB，最多 <?cs var:Limits.rows ?> 行） <input type="file" name="file"
  accept=".csv,text/csv" aria-required="true"></label>
<button type="submit">上传并检查</button>
</form>
<p class="note">表头须包含这些列（顺序不限）：<?cs each:k = Columns ?><?cs var:k ?> <?cs /each ?>。渠道写“银行转账”“现金”或“支票”；<?cs #
?>捐赠人空着为“爱心人士”；去向空着为不定向，也可以写地区名称或代码、成员单位名称；日期写成 2026-03-05。</p>
<?cs include:"footer.cs" ?>
