<?cs # footer.cs — the bottom of every page: the charity's public-fundraising disclosure (信息公开).
  needs: Charity.Name Charity.CreditCode Charity.Qualification Charity.FilingNo Charity.Phone
    Charity.Address Charity.Email
?></main>
<footer class="disclosure">
<h2>信息公开</h2>
<dl>
<dt>慈善组织</dt><dd><?cs var:Charity.Name ?></dd>
<dt>统一社会信用代码</dt><dd><?cs var:Charity.CreditCode ?></dd>
<dt>公开募捐资格</dt><dd><?cs var:Charity.Qualification ?></dd>
<dt>募捐方案备案编号</dt><dd><?cs var:Charity.FilingNo ?></dd>
<dt>联系电话</dt><dd><?cs var:Charity.Phone ?></dd>
<dt>联系地址</dt><dd><?cs var:Charity.Address ?></dd>
<dt>电子邮箱</dt><dd><?cs var:Charity.Email ?></dd>
</dl>
<p><a href="/disclosure">募捐方案、公开文件与项目进展</a> · <a href="/report/status">举报处理进度</a></p>
<p class="fine">孩子们的真实姓名、身份证号、住址和监护人联系方式只由县级慈善会工作人员依规保管，从不在网上公开。</p>
</footer>
</body>
</html>
