<?cs # admin-disclosure.cs — GET /admin/disclosure: what the 3-month rule makes due in reach
  (overdue first), and for the province the documents and the forms to add one and to post a
  programme update.
  needs: Disclosure.ahead Disclosure.province Due.*.kind Due.*.id Due.*.ref Due.*.title
    Due.*.place Due.*.final Due.*.last_update Due.*.due_on Due.*.overdue DocKinds.*.code
    DocKinds.*.label Docs.*.kind_label Docs.*.title Docs.*.name Docs.*.at Docs.*.activity
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?>
<h1>信息公开</h1>
<?cs call:error_summary() ?>
<h2>待公开的项目进展</h2>
<p class="note">每个募捐项目进行期间至少每 3 个月公开一次进展，结束后 3 个月内公开结项报告。<?cs #
?>这里列出已经逾期和 <?cs var:Disclosure.ahead ?> 天内到期的项目。</p>
<?cs if:subcount(Due) == 0 ?><p class="note">没有逾期或即将到期的项目。</p><?cs else ?>
<table class="list gifts"><thead><tr><th scope="col">项目</th><th scope="col">地区</th>
<th scope="col">应公开</th><th scope="col">最近一次进展</th><?cs #
?><th scope="col">期限</th></tr></thead><tbody>
<?cs each:d = Due ?><tr>
<td data-label="项目"><?cs if:d.kind == "activity" ?><a href="/activities/<?cs
  var:d.ref ?>">专题活动：<?cs
  var:d.title ?></a><?cs elif:d.kind == "page" ?><a href="/p/<?cs var:d.ref ?>">一起捐：<?cs
  var:d.title ?></a><?cs else ?><a href="/disclosure"><?cs var:d.title ?></a><?cs /if ?></td>
<td data-label="地区"><?cs if:d.place ?><?cs var:d.place ?><?cs else ?>全省<?cs /if ?></td>
<td data-label="应公开"><?cs if:d.final == 1 ?>结项报告<?cs else ?>项目进展<?cs /if ?></td>
<td data-label="最近一次进展"><?cs if:d.last_update ?><?cs var:d.last_update ?><?cs else ?>尚无<?cs
  /if ?></td>
<td data-label="期限"><?cs var:d.due_on ?><?cs
  if:d.overdue == 1 ?> <span class="state state-overdue">已逾期</span><?cs
  /if ?></td></tr><?cs /each ?>
</tbody></table><?cs /if ?>
<?cs if:Disclosure.province == "1" ?>
<h2>发布项目进展（童享阳光助养计划）</h2>
<form method="post" action="/admin/disclosure/updates" class="stack">
<?cs call:csrf() ?>
<label for="f-text">进展内容（最多 2000 字，以今天的日期公开）</label>
<textarea<?cs call:field("text") ?> maxlength="2000" rows="5" required><?cs
  var:Invalid.Typed.text ?></textarea><?cs call:field_error("text") ?>
<button type="submit">发布</button>
</form>
<h2>上传公开文件</h2>
<form method="post" action="/admin/disclosure/docs" enctype="multipart/form-data" class="stack">
<?cs call:csrf() ?>
<label for="f-doc_kind">文件类型</label>
<select<?cs call:field("doc_kind") ?>><?cs each:k = DocKinds ?><option value="<?cs var:k.code ?>"<?cs
  if:Invalid.Typed.doc_kind == k.code ?> selected<?cs /if ?>><?cs
  var:k.label ?></option><?cs /each ?></select><?cs call:field_error("doc_kind") ?>
<label for="f-title">标题（最多 40 字）</label>
<input type="text"<?cs call:field("title") ?> maxlength="40" required<?cs call:typed("title") ?>><?cs
  call:field_error("title") ?>
<label for="f-slug">专题活动的网址名（选填；不填即为助养计划的文件）</label>
<input type="text"<?cs call:field("slug") ?> maxlength="40"<?cs call:typed("slug") ?>><?cs
  call:field_error("slug") ?>
<label for="file">PDF 文件（最大 10 MB）</label>
<input id="file" type="file" name="file" accept="application/pdf" aria-required="true">
<button type="submit">上传</button>
</form>
<h2>已公开的文件</h2>
<?cs if:subcount(Docs) == 0 ?><p class="note">还没有公开文件。</p><?cs else ?>
<ul class="docs"><?cs each:d = Docs ?><li><a href="/files/disclosure/<?cs var:d.name ?>"><?cs
  var:d.title ?></a> <small><?cs var:d.kind_label ?> · <?cs if:d.activity ?><?cs
  var:d.activity ?><?cs else ?>童享阳光助养计划<?cs /if ?> · <?cs var:d.at ?></small></li><?cs
  /each ?></ul><?cs /if ?>
<?cs /if ?>
<?cs include:"footer.cs" ?>
