<?cs # admin-visits.cs — GET /admin/visits?status=…: visits by state (the review queue, oldest
  first; a volunteer's own), and for those who write visits the way to log one.
  needs: States.*.code States.*.label Status Writer Visits.*.id Visits.*.alias Visits.*.code
    Visits.*.place Visits.*.visited_on Visits.*.kind_label Visits.*.author Visits.*.state_label
    Visits.*.submitted_at
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1>探访记录</h1>
<?cs if:Writer ?><form method="get" action="/admin/visits/new" class="inline">
<label>孩子编号 <input type="text" name="child" required maxlength="10" autocapitalize="characters"></label>
<button type="submit">记录探访</button>
</form><?cs /if ?>
<form method="get" action="/admin/visits" class="inline">
<label>状态 <select name="status"><option value=""<?cs if:!Status ?> selected<?cs
  /if ?>>全部</option><?cs each:s = States ?><option value="<?cs var:s.code ?>"<?cs
  if:Status == s.code ?> selected<?cs /if ?>><?cs var:s.label ?></option><?cs /each ?></select></label>
<button type="submit">查看</button>
</form>
<?cs if:subcount(Visits) == 0 ?><p class="note">没有这个状态的探访记录。</p><?cs else ?>
<table class="list by-child gifts"><thead><tr><th scope="col">孩子</th><th scope="col">区县</th>
<th scope="col">探访日期</th><th scope="col">方式</th><?cs #
?><th scope="col">记录人</th><th scope="col">提交时间</th><th scope="col">状态</th></tr></thead><tbody>
<?cs each:v = Visits ?><tr>
<td data-label="孩子" class="title"><a href="/admin/visits/<?cs var:v.id ?>"><?cs
  var:v.alias ?></a><br><small><?cs
  var:v.code ?></small></td><td data-label="区县"><?cs var:v.place ?></td>
<td data-label="探访日期"><?cs var:v.visited_on ?></td>
<td data-label="方式"><?cs var:v.kind_label ?></td><td data-label="记录人"><?cs var:v.author ?></td>
<td data-label="提交时间"><?cs
  var:v.submitted_at ?></td><td data-label="状态"><?cs var:v.state_label ?></td>
</tr><?cs /each ?>
</tbody></table>
<?cs /if ?>
<?cs include:"footer.cs" ?>
