<?cs # error.cs — the page for every error status (400, 404, 413, 500, 503 ...), with the message in
  plain words.
  needs: Error.Status Error.Message Error.Admin
?><?cs include:"header.cs" ?>
<section class="error">
<h1><?cs if:Error.Status == 404 ?>页面不存在<?cs elif:Error.Status == 403 ?>没有权限<?cs
  elif:Error.Status == 409 ?>与现有记录冲突<?cs elif:Error.Status == 413 ?>内容太大<?cs
  elif:Error.Status == 429 ?>操作太频繁<?cs elif:Error.Status == 503 ?>暂时无法访问<?cs
  elif:Error.Status >= 500 ?>出错了<?cs else ?>请求有误<?cs /if ?></h1>
<p class="msg"><?cs var:Error.Message ?></p>
<p class="code">错误代码 <?cs var:Error.Status ?></p>
<?cs if:Error.Admin == 1 ?><p><a class="btn" href="/admin">返回工作台</a></p>
<?cs else ?><p><a class="btn" href="/children">去看看等待结对的孩子</a> <a href="/">返回首页</a></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
