<?cs # admin-import.cs — GET/POST /admin/import and POST /admin/import/{upload}: upload the ledger; the report of its check, with the button that imports it; the report of the import. ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>导入困境儿童台账</h1>
<?cs if:Report.rows ?>
<section class="<?cs if:Report.applied == 1 ?>ok<?cs else ?>note<?cs /if ?>">
<p><?cs if:Report.applied == 1 ?>已导入<?cs else ?>检查结果（尚未导入）<?cs /if ?>：共 <?cs var:Report.rows ?> 行，新增 <b><?cs var:Report.added ?></b>，更新 <b><?cs var:Report.updated ?></b>，不变 <?cs var:Report.unchanged ?>，有问题 <b><?cs var:Report.rejected ?></b>。</p>
<?cs if:Report.upload ?>
<form method="post" action="/admin/import/<?cs var:Report.upload ?>" class="stack">
<?cs call:csrf() ?>
<p>确认无误后导入：新增 <?cs var:Report.added ?> 个孩子的档案，更新 <?cs var:Report.updated ?> 个<?cs if:Report.rejected > 0 ?>，有问题的 <?cs var:Report.rejected ?> 行不会导入<?cs /if ?>。导入会记入审计日志。这份文件在服务器上加密保存，一小时内有效。</p>
<button type="submit">确认导入</button>
</form>
<?cs elif:Report.applied != 1 ?><p>没有需要写入的内容。</p><?cs /if ?>
</section>
<?cs if:subcount(Report.Rejects) > 0 ?>
<h2>有问题的行（不会导入）</h2>
<table class="gifts"><thead><tr><th>行</th><th>问题</th></tr></thead><tbody>
<?cs each:r = Report.Rejects ?><tr><td class="num"><?cs var:r.line ?></td><td><?cs var:r.why ?></td></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs /if ?>
<form method="post" action="/admin/import" enctype="multipart/form-data" class="stack">
<?cs call:csrf() ?>
<p class="note">上传后先检查，不写入任何内容；看过检查结果再确认导入。</p>
<label>台账文件（CSV，UTF-8 或 GBK，最大 20 MB） <input type="file" name="file" accept=".csv,text/csv" required></label>
<button type="submit">上传并检查</button>
</form>
<p class="note">表头须包含这些列（顺序不限）：<?cs each:k = Columns ?><?cs var:k ?> <?cs /each ?>。按身份证号匹配已有的孩子：再次导入更新后的台账会更新档案，而不是重复登记。</p>
<?cs include:"footer.cs" ?>
