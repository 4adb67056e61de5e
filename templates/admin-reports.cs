<?cs # admin-reports.cs — GET /admin/reports: the reports (举报) in reach, overdue first.
  needs: List.state Reports.*.id Reports.*.ticket Reports.*.item Reports.*.kind_label
    Reports.*.state Reports.*.due_on Reports.*.place Reports.*.filed Reports.*.overdue
    Reports.*.excerpt
?><?cs include:"header.cs" ?>
<h1>举报</h1>
<p class="note">举报须在提交后 5 个工作日内答复（节假日和调休按国务院办公厅的放假安排）。<?cs #
?>逾期未答复的排在最前面。</p>
<p><a href="/admin/reports"<?cs if:!List.state ?> class="on"<?cs /if ?>>全部</a> ·
<a href="/admin/reports?list_state=open"<?cs if:List.state == "open" ?> class="on"<?cs /if ?>>处理中</a> ·
<a href="/admin/reports?list_state=answered"<?cs if:List.state == "answered" ?> class="on"<?cs
  /if ?>>已答复</a></p>
<?cs if:subcount(Reports) == 0 ?><p class="note">没有举报。</p><?cs else ?>
<table class="list gifts"><thead><tr><th scope="col">提交时间</th><th scope="col">页面</th>
<th scope="col">问题</th><th scope="col">地区</th><?cs #
?><th scope="col">答复期限</th><th scope="col">状态</th></tr></thead><tbody>
<?cs each:r = Reports ?><tr>
<td data-label="提交时间"><a href="/admin/reports/<?cs var:r.id ?>"><?cs
  var:r.filed ?></a><br><small><?cs var:r.ticket ?></small></td>
<td data-label="页面"><?cs var:r.item ?><br><small><?cs var:r.excerpt ?></small></td>
<td data-label="问题"><?cs var:r.kind_label ?></td>
<td data-label="地区"><?cs if:r.place ?><?cs var:r.place ?><?cs else ?>全省<?cs /if ?></td>
<td data-label="答复期限"><?cs var:r.due_on ?></td>
<td data-label="状态"><?cs if:r.overdue == 1 ?><span class="state state-overdue">已逾期</span><?cs
  elif:r.state == "open" ?><span class="state state-open">处理中</span><?cs
  else ?><span class="state state-answered">已答复</span><?cs /if ?></td>
</tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs include:"footer.cs" ?>
