<?cs # me-pages.cs — /me's 我的一起捐: the donor's personal fundraising pages, each with its state,
  what it raised and its gifts, and the link to start one.
  needs: MyPages.*.id MyPages.*.code MyPages.*.title MyPages.*.state MyPages.*.state_label
    MyPages.*.raised MyPages.*.goal MyPages.*.gifts MyPages.*.ends_on
?><h2>我的一起捐</h2>
<?cs if:subcount(MyPages) == 0 ?><p class="note">邀请亲友一起捐赠：<a href="/pages/new">发起一起捐</a></p><?cs else ?>
<table class="list gifts"><thead><tr><th scope="col">页面</th><th scope="col">状态</th>
<th scope="col">已筹 / 目标（元）</th><th scope="col">人次</th>
<th scope="col">截止</th></tr></thead><tbody>
<?cs each:m = MyPages ?><tr><td data-label="页面"><a href="/me/pages/<?cs var:m.id ?>"><?cs
  var:m.title ?></a></td><td data-label="状态"><span class="state state-<?cs
  var:m.state ?>"><?cs var:m.state_label ?></span></td>
<td data-label="已筹 / 目标（元）" class="num"><?cs var:m.raised ?> / <?cs
  var:m.goal ?></td><td data-label="人次" class="num"><?cs var:m.gifts ?></td>
<td data-label="截止"><?cs var:m.ends_on ?></td></tr><?cs /each ?>
</tbody></table>
<p><a href="/pages/new">再发起一个一起捐</a></p>
<?cs /if ?>
