<?cs # hold-refused.cs — a hold refused (taken by someone else, a limit, a cool-down): why, and
  similar waiting children.
  needs: Refused.title Refused.message Refused.link Refused.link_text Similar.*.code Similar.*.alias
    Similar.*.gender_label Similar.*.age Similar.*.place Similar.*.category_label
    Similar.*.days_waiting
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<section class="error">
<h1><?cs var:Refused.title ?></h1>
<p class="msg"><?cs var:Refused.message ?></p>
<?cs if:Refused.link ?><p><a class="btn" href="<?cs var:Refused.link ?>"><?cs
  var:Refused.link_text ?></a></p><?cs /if ?>
<?cs if:subcount(Similar) > 0 ?><h2>这些孩子也在等待</h2><ul class="cards"><?cs each:ch = Similar ?><?cs
  call:child_card(ch) ?><?cs /each ?></ul><?cs /if ?>
<p><a<?cs if:!Refused.link ?> class="btn"<?cs /if ?> href="/children">查看所有等待结对的孩子</a></p>
</section>
<?cs include:"footer.cs" ?>
