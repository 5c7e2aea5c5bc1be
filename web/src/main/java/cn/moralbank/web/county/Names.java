package cn.moralbank.web.county;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Chinese names of people and places from small tables of common surnames and syllables. */
final class Names {
    private static final String[] SURNAMES = ("王李张刘陈杨赵黄周吴徐孙马胡朱郭何罗高林郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
            + "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔").split("");
    private static final String[] GIVEN = ("建国秀兰玉珍永强志刚桂芳春生淑华德胜海龙凤英国华文明丽娟金山秀英振华宝山玉兰长青树林"
            + "春花红梅小燕立新桂英明亮建华志强晓东福贵兰英子轩雨涵浩然欣怡俊杰美玲家豪思远").split("");
    private static final String[] PLACE = ("东西南北上下前后大小石河沟营台庄坪岭湾口家堡屯寨梁洼峪川泉柳杨榆槐桃杏"
            + "黄白青红新安平和兴旺丰富太阳宝龙凤山水").split("");
    private static final String[] RELATIONS = {"妻子", "丈夫", "儿子", "女儿", "儿媳", "孙子", "孙女", "母亲", "父亲"};

    private final Random random;

    Names(Random random) {
        this.random = random;
    }

    String person() {
        String given = GIVEN[random.nextInt(GIVEN.length)];
        if (random.nextBoolean()) {
            given += GIVEN[random.nextInt(GIVEN.length)];
        }
        return SURNAMES[random.nextInt(SURNAMES.length)] + given;
    }

    /** The other members of a household, {@code 姓名/关系} joined by {@code ;}. */
    String members(String head) {
        int n = random.nextInt(5);
        List<String> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String relation = RELATIONS[random.nextInt(RELATIONS.length)];
            String name = relation.equals("妻子") || relation.equals("母亲") ? person() : head.charAt(0) + person().substring(1);
            list.add(name + "/" + relation);
        }
        return String.join(";", list);
    }

    /** A place name of two syllables, e.g. 石河, followed by the given suffix (镇, 村). */
    String place(String suffix) {
        return PLACE[random.nextInt(PLACE.length)] + PLACE[random.nextInt(PLACE.length)] + suffix;
    }

    String phone() {
        return random.nextInt(4) == 0 ? null : "13" + (100_000_000 + random.nextInt(899_999_999));
    }
}
