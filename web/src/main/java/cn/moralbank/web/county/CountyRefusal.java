package cn.moralbank.web.county;

/** The generator will not run here (the database is not empty); the command exits with status 2. */
public class CountyRefusal extends RuntimeException {
    public CountyRefusal(String message) {
        super(message);
    }
}
