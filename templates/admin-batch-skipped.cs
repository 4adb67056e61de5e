<?cs # admin-batch-skipped.cs — included by admin-batches.cs and admin-batch.cs after a batch was
  made: the children it skipped, and why.
  needs: Made.skipped Made.listed Skipped.*.code Skipped.*.alias Skipped.*.why
?><?cs if:Made.skipped > 0 ?>
<h2>跳过的孩子（<?cs var:Made.skipped ?> 个）</h2>
<?cs if:Made.listed < Made.skipped ?><p class="note">下表列出前 <?cs var:Made.listed ?> 个。</p><?cs /if ?>
<table class="list by-child gifts"><thead><tr><th scope="col">孩子</th>
<th scope="col">原因</th></tr></thead><tbody>
<?cs each:s = Skipped ?><tr><td data-label="孩子" class="title"><?cs var:s.alias ?><br><small><?cs
  var:s.code ?></small></td><?cs #
?><td data-label="原因"><?cs var:s.why ?></td></tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
