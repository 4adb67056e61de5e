<?cs # admin-import.cs — GET/POST /admin/import: upload the ledger; the report of a check or an import. ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>导入困境儿童台账</h1>
<?cs if:Report.rows ?>
<section class="<?cs if:Report.applied == 1 ?>ok<?cs else ?>note<?cs /if ?>">
<p><?cs if:Report.applied == 1 ?>已导入<?cs else ?>检查结果（尚未导入）<?cs /if ?>：共 <?cs var:Report.rows ?> 行，新增 <b><?cs var:Report.added ?></b>，更新 <b><?cs var:Report.updated ?></b>，不变 <?cs var:Report.unchanged ?>，有问题 <b><?cs var:Report.rejected ?></b>。</p>
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
<label>台账文件（CSV，UTF-8 或 GBK，最大 20 MB） <input type="file" name="file" accept=".csv,text/csv" required></label>
<label class="tick"><input type="checkbox" name="apply" value="1"> 检查无误后直接导入（不勾选则只检查，不写入）</label>
<button type="submit">上传</button>
</form>
<p class="note">表头须包含这些列（顺序不限）：<?cs each:k = Columns ?><?cs var:k ?> <?cs /each ?>。按身份证号匹配已有的孩子：再次导入更新后的台账会更新档案，而不是重复登记。</p>
<?cs include:"footer.cs" ?>
