<?cs # taken.cs — the child has just been chosen by someone else: say so, and offer similar waiting children. ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<section class="error">
<h1>这个孩子刚刚被其他爱心人士选中了</h1>
<p class="msg">谢谢您的爱心！另一位爱心人士刚刚选择了这个孩子，正在办理结对。下面这些孩子也在等待，您可以看看。</p>
<?cs if:subcount(Similar) > 0 ?><ul class="cards"><?cs each:ch = Similar ?><?cs call:child_card(ch) ?><?cs /each ?></ul><?cs /if ?>
<p><a class="btn" href="/children">查看所有等待结对的孩子</a></p>
</section>
<?cs include:"footer.cs" ?>
