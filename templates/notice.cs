<?cs # notice.cs — a short page saying something has been done, with one way on.
  needs: Notice.Title Notice.Message Notice.Link Notice.LinkText
?><?cs include:"header.cs" ?>
<section class="form-page">
<h1><?cs var:Notice.Title ?></h1>
<p class="ok"><?cs var:Notice.Message ?></p>
<?cs if:Notice.Link ?><p><a class="btn" href="<?cs var:Notice.Link ?>"><?cs
  var:Notice.LinkText ?></a></p><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
